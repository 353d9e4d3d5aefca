package io.casegrid.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen, for tests of the login: it keeps cookies, follows redirects only when
 * told to, and fills in the identity provider's login form. What a test sees is every step of the
 * authorization code flow, as a browser would make it.
 */
public final class HttpBrowser {

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
  private static final Pattern LOGIN_ID = Pattern.compile("name=\"login\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_TOKEN =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** One request, no redirect followed. */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public HttpResponse<String> postForm(String url, Map<String, String> form) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  /** Follows redirects from {@code response} until a page answers, as a browser would. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hops = 0; hops < 10; hops++) {
      if (current.statusCode() / 100 != 3) {
        return current;
      }
      String location = current.headers().firstValue("Location").orElseThrow();
      current = get(current.uri().resolve(location).toString());
    }
    throw new IllegalStateException("more than 10 redirects from " + response.uri());
  }

  /**
   * Opens {@code url} and, when the identity provider shows its login form, signs in as {@code
   * username}: the page the browser lands on afterwards.
   */
  public HttpResponse<String> openSignedIn(String url, String username, String password) {
    HttpResponse<String> page = follow(get(url));
    if (isLoginForm(page)) {
      page = follow(submitLogin(page, username, password));
    }
    return page;
  }

  /** Submits the login form {@code page} shows. */
  public HttpResponse<String> submitLogin(
      HttpResponse<String> page, String username, String password) {
    Matcher action = FORM_ACTION.matcher(page.body());
    Matcher login = LOGIN_ID.matcher(page.body());
    if (!action.find() || !login.find()) {
      throw new IllegalStateException("not a login form: " + page.body());
    }
    return postForm(
        page.uri().resolve(unescape(action.group(1))).toString(),
        Map.of("login", login.group(1), "username", username, "password", password));
  }

  public static boolean isLoginForm(HttpResponse<String> page) {
    return LOGIN_ID.matcher(page.body()).find();
  }

  /**
   * The request token a console page carries in its {@code csrf-token} meta element, which its
   * script sends with every API call; empty if the page has none.
   */
  public static java.util.Optional<String> requestToken(HttpResponse<String> page) {
    Matcher m = CSRF_TOKEN.matcher(page.body());
    return m.find() && !m.group(1).isBlank()
        ? java.util.Optional.of(m.group(1))
        : java.util.Optional.empty();
  }

  /** The value of a cookie the browser holds for {@code url}, if any. */
  public java.util.Optional<String> cookie(String url, String name) {
    return cookies.getCookieStore().get(URI.create(url)).stream()
        .filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst();
  }

  /** Sets a cookie for {@code url}'s host, as a page's script would. */
  public void setCookie(String url, String name, String value) {
    java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(url), cookie);
  }

  private static String unescape(String html) {
    return html.replace("&amp;", "&");
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
