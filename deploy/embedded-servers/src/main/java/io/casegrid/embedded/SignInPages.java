package io.casegrid.embedded;

/**
 * The built-in issuer's pages: the login form, the logout confirmation and errors. Plain HTML that
 * works without scripts, labelled for screen readers, in Chinese with English beside it.
 */
final class SignInPages {

  private SignInPages() {}

  static String login(
      String realmName, String action, String loginId, String username, String error) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>登录 <span lang=\"en\">Sign in</span></h1>\n")
        .append("<p class=\"realm\">")
        .append(escape(realmName))
        .append("</p>\n");
    if (error != null) {
      body.append("<p id=\"login-error\" class=\"error\" role=\"alert\">")
          .append(escape(error))
          .append("</p>\n");
    }
    String described =
        error != null ? " aria-describedby=\"login-error\" aria-invalid=\"true\"" : "";
    body.append("<form method=\"post\" action=\"")
        .append(escape(action))
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"login\" value=\"")
        .append(escape(loginId))
        .append("\">\n")
        .append("<label for=\"username\">用户名 <span lang=\"en\">Username</span></label>\n")
        .append(
            "<input id=\"username\" name=\"username\" autocomplete=\"username\" required"
                + " autofocus autocapitalize=\"none\" spellcheck=\"false\" value=\"")
        .append(escape(username == null ? "" : username))
        .append("\"")
        .append(described)
        .append(">\n")
        .append("<label for=\"password\">密码 <span lang=\"en\">Password</span></label>\n")
        .append(
            "<input id=\"password\" name=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required")
        .append(described)
        .append(">\n")
        .append(
            "<button type=\"submit\" id=\"sign-in\">登录 <span lang=\"en\">Sign in</span></button>\n")
        .append("</form>\n")
        .append(
            "<p class=\"hint\">本机演示的身份提供者：演示用户见 deploy/keycloak，密码均为 demo。"
                + " <span lang=\"en\">The local demo identity provider: demo users in"
                + " deploy/keycloak, password demo.</span></p>\n");
    return page("登录 Sign in", body.toString());
  }

  static String confirmLogout(String action, java.util.Map<String, String> params) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>退出登录？ <span lang=\"en\">Sign out?</span></h1>\n")
        .append("<form method=\"post\" action=\"")
        .append(escape(action))
        .append("\">\n");
    params.forEach(
        (name, value) ->
            body.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">\n"));
    body.append("<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n")
        .append("<button type=\"submit\">退出 <span lang=\"en\">Sign out</span></button>\n")
        .append("</form>\n");
    return page("退出 Sign out", body.toString());
  }

  static String loggedOut() {
    return page(
        "已退出 Signed out",
        "<h1>您已退出登录 <span lang=\"en\">You are signed out</span></h1>\n"
            + "<p>可以关闭此页。 <span lang=\"en\">You may close this page.</span></p>\n");
  }

  static String error(String zh, String en) {
    return page(
        "错误 Error",
        "<h1>无法登录 <span lang=\"en\">Cannot sign in</span></h1>\n<p class=\"error\" role=\"alert\">"
            + escape(zh)
            + " <span lang=\"en\">"
            + escape(en)
            + "</span></p>\n");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:system-ui,\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;"
        + "background:#f3f5f8;color:#1a1a1a;margin:0;display:flex;justify-content:center}\n"
        + "main{background:#fff;margin-top:8vh;padding:2rem 2.5rem;border:1px solid #c4ccd6;"
        + "border-radius:6px;width:100%;max-width:24rem}\n"
        + "h1{font-size:1.4rem;margin:0 0 .5rem}.realm,.hint{color:#4a4f57}.hint{font-size:.85rem}\n"
        + "label{display:block;margin:1rem 0 .3rem;font-weight:600}\n"
        + "input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem;"
        + "border:1px solid #5f6b7a;border-radius:4px}\n"
        + "button{margin-top:1.4rem;width:100%;padding:.65rem;font-size:1rem;font-weight:600;"
        + "color:#fff;background:#0b57a4;border:0;border-radius:4px;cursor:pointer}\n"
        + ":focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}\n"
        + ".error{color:#a4001b;font-weight:600}span[lang=en]{font-weight:400}\n"
        + "</style>\n</head>\n<body>\n<main>\n"
        + body
        + "</main>\n</body>\n</html>\n";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
