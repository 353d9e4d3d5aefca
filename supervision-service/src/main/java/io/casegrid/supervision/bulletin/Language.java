package io.casegrid.supervision.bulletin;

/** The languages a bulletin is written in: Chinese (the default) or English. */
public enum Language {
  ZH("zh-CN"),
  EN("en");

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, for the document's {@code lang}. */
  public String tag() {
    return tag;
  }
}
