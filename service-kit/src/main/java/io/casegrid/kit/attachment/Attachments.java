package io.casegrid.kit.attachment;

import io.casegrid.kit.problem.PlainText;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The photos of cases: checked for format and size, stored with the service's data, listed and
 * served. Who may add or see them is the calling endpoint's decision, made on the case.
 */
@ApplicationScoped
public class Attachments {

  /** What a photo shows, as its uploader says. */
  public enum Purpose {
    /** Taken by the reporter or the operator when the case was reported. */
    REPORT,
    /** A department's evidence of its work. */
    EVIDENCE,
    /** An inspector's photo from verification. */
    VERIFICATION
  }

  /** A stored photo without its content. */
  public record Attachment(
      UUID id,
      UUID caseId,
      Purpose purpose,
      String mediaType,
      String fileName,
      int sizeBytes,
      String sha256,
      String uploadedBy,
      Instant uploadedAt) {}

  /** A photo with its content, to serve. */
  public record Content(Attachment attachment, byte[] bytes) {}

  private final EntityManager entityManager;
  private final AttachmentConfig config;

  Attachments(EntityManager entityManager, AttachmentConfig config) {
    this.entityManager = entityManager;
    this.config = config;
  }

  @Transactional
  public Attachment store(
      UUID caseId,
      Purpose purpose,
      String declaredType,
      String fileName,
      byte[] bytes,
      String uploadedBy) {
    if (bytes.length == 0) {
      throw ProblemException.invalidField("empty-photo", "body", "the photo is empty");
    }
    if (bytes.length > config.maxBytes()) {
      throw new ProblemException(
          Response.Status.REQUEST_ENTITY_TOO_LARGE,
          "photo-too-large",
          "a photo may not exceed " + config.maxBytes() + " bytes");
    }
    PhotoType type =
        PhotoType.of(bytes)
            .filter(t -> t.mediaType().equals(mediaTypeOf(declaredType)))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Response.Status.UNSUPPORTED_MEDIA_TYPE,
                        "not-a-photo",
                        "the body is not a JPEG, PNG or WebP photo of the declared type"));
    long stored =
        ((Number)
                entityManager
                    .createNativeQuery("SELECT count(*) FROM attachment WHERE case_id = ?1")
                    .setParameter(1, caseId)
                    .getSingleResult())
            .longValue();
    if (stored >= config.maxPerCase()) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          "too-many-photos",
          "a case may hold at most " + config.maxPerCase() + " photos");
    }
    Attachment attachment =
        new Attachment(
            UUID.randomUUID(),
            caseId,
            purpose,
            type.mediaType(),
            displayName(fileName, type),
            bytes.length,
            sha256(bytes),
            uploadedBy,
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    entityManager
        .createNativeQuery(
            "INSERT INTO attachment (id, case_id, purpose, media_type, file_name, size_bytes,"
                + " sha256, content, uploaded_by, uploaded_at) VALUES"
                + " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        .setParameter(1, attachment.id())
        .setParameter(2, caseId)
        .setParameter(3, purpose.name())
        .setParameter(4, attachment.mediaType())
        .setParameter(5, attachment.fileName())
        .setParameter(6, attachment.sizeBytes())
        .setParameter(7, attachment.sha256())
        .setParameter(8, bytes)
        .setParameter(9, uploadedBy)
        .setParameter(10, attachment.uploadedAt())
        .executeUpdate();
    return attachment;
  }

  /**
   * Stores the body of an upload request: its {@code Content-Type} and the file name of its {@code
   * Content-Disposition}, as {@link #store} checks them.
   */
  public Attachment upload(
      UUID caseId,
      Purpose purpose,
      String contentType,
      String contentDisposition,
      byte[] body,
      String uploadedBy) {
    return store(
        caseId,
        purpose,
        contentType,
        fileNameOf(contentDisposition),
        body == null ? new byte[0] : body,
        uploadedBy);
  }

  /**
   * Moves every photo of a case to another, in the caller's transaction, and says how many; when
   * duplicate cases become one. Not limited by {@code max-per-case}, which bounds uploads: moving
   * must never lose a photo.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int moveAll(UUID fromCaseId, UUID toCaseId) {
    return entityManager
        .createNativeQuery("UPDATE attachment SET case_id = ?2 WHERE case_id = ?1")
        .setParameter(1, fromCaseId)
        .setParameter(2, toCaseId)
        .executeUpdate();
  }

  /** The answer serving one photo of a case, or 404. */
  public Response serve(UUID caseId, UUID attachmentId) {
    return content(caseId, attachmentId)
        .map(Attachments::serve)
        .orElseThrow(
            () -> ProblemException.notFound("photo " + attachmentId + " of case " + caseId));
  }

  public List<Attachment> of(UUID caseId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT id, case_id, purpose, media_type, file_name, size_bytes, sha256,"
                    + " uploaded_by, uploaded_at FROM attachment WHERE case_id = ?1"
                    + " ORDER BY uploaded_at, id")
            .setParameter(1, caseId)
            .getResultList();
    return rows.stream().map(Attachments::attachment).toList();
  }

  public Optional<Content> content(UUID caseId, UUID attachmentId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT id, case_id, purpose, media_type, file_name, size_bytes, sha256,"
                    + " uploaded_by, uploaded_at, content FROM attachment"
                    + " WHERE case_id = ?1 AND id = ?2")
            .setParameter(1, caseId)
            .setParameter(2, attachmentId)
            .getResultList();
    return rows.stream().findFirst().map(r -> new Content(attachment(r), (byte[]) r[9]));
  }

  /** The answer that serves a photo: its own type, never sniffed, offered as a download. */
  public static Response serve(Content content) {
    Attachment a = content.attachment();
    return Response.ok(content.bytes(), a.mediaType())
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(a.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'")
        .header("Cache-Control", "private, no-store")
        .build();
  }

  /**
   * The file name a client gave in {@code Content-Disposition}: {@code filename*=UTF-8''...} (RFC
   * 6266; headers carry no other characters than Latin-1, so a Chinese name comes this way), else
   * {@code filename="..."}.
   */
  public static String fileNameOf(String contentDisposition) {
    if (contentDisposition == null) {
      return null;
    }
    java.util.regex.Matcher extended =
        java.util.regex.Pattern.compile("(?i)filename\\*=UTF-8''([^;\\s]*)")
            .matcher(contentDisposition);
    if (extended.find()) {
      try {
        return java.net.URLDecoder.decode(
            extended.group(1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return null;
      }
    }
    java.util.regex.Matcher plain =
        java.util.regex.Pattern.compile("(?i)filename=\"?([^\";]*)\"?").matcher(contentDisposition);
    return plain.find() ? plain.group(1) : null;
  }

  private static Attachment attachment(Object[] r) {
    Object at = r[8];
    return new Attachment(
        (UUID) r[0],
        (UUID) r[1],
        Purpose.valueOf((String) r[2]),
        (String) r[3],
        (String) r[4],
        ((Number) r[5]).intValue(),
        (String) r[6],
        (String) r[7],
        at instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) at);
  }

  private static String mediaTypeOf(String declared) {
    return declared == null
        ? ""
        : declared.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
  }

  // The name is only shown: no folders, never used as a path, and stripped of what would show it
  // as something else (bidirectional and other control characters: PlainText). A device chose it,
  // so it is cleaned rather than the photo refused.
  static String displayName(String given, PhotoType type) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = PlainText.strip(name).replace("\"", "").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      name = "photo." + type.name().toLowerCase(java.util.Locale.ROOT);
    }
    // The last 120 characters, whole: never half of a surrogate pair.
    int count = name.codePointCount(0, name.length());
    return count > 120 ? name.substring(name.offsetByCodePoints(0, count - 120)) : name;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
