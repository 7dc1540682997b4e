package dev.xreg.events;

import dev.xreg.api.Access;
import dev.xreg.api.Caller;

/**
 * Which events a reader may see: a stream's client never receives an event about what it may
 * not read (issues 19, 20). An event is about what its subject names, in the API it came from:
 * an xRegistry entity path (the model's path for model events, which have no subject), an OCI
 * repository ({@code repo@digest}, {@code repo:tag}), an App Registry namespace
 * ({@code ns/pkg:release}, {@code ns/pkg/channels/ch}); reading that needs the {@code read} role
 * there, as a GET of it would.
 */
public final class EventVisibility {
  private static final String OCI_TYPES = "io.xreg.oci.";
  private static final String CNR_TYPES = "io.xreg.cnr.";

  private EventVisibility() {
  }

  public static boolean visible(XRegistryEvent event, Caller reader) {
    return reader.may(about(event));
  }

  /** What reading {@code event} amounts to. */
  static Access about(XRegistryEvent event) {
    String subject = event.subject();
    if (event.type().startsWith(OCI_TYPES)) {
      return Access.repository(repository(subject), Access.Action.READ);
    }
    if (event.type().startsWith(CNR_TYPES)) {
      int slash = subject.indexOf('/');
      return Access.namespace(slash < 0 ? subject : subject.substring(0, slash), Access.Action.READ);
    }
    return Access.registry(subject == null ? "/model" : subject, Access.Action.READ);
  }

  /** The repository of {@code repo@digest} or {@code repo:tag} (names have no {@code @} or {@code :}). */
  private static String repository(String subject) {
    int at = subject.indexOf('@');
    String name = at < 0 ? subject : subject.substring(0, at);
    int colon = name.lastIndexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
