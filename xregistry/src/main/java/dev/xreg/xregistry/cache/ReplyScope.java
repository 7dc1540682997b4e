package dev.xreg.xregistry.cache;

import dev.xreg.core.command.Reply;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.render.View;
import java.util.List;
import java.util.Map;

/**
 * The {@link InvalidationScope} bucket of a read's answer. Most answers show only the entity at
 * their path, its ancestors' counts and its descendants, and go in their path's bucket. An
 * answer that shows another Resource's data goes in {@link InvalidationScope#EVERY_CHANGE}: a
 * Resource or meta that is an xref (its target can change under another path), and any single
 * Version, because a Version read through an xref source carries no mark of it.
 */
public final class ReplyScope {
  private ReplyScope() {
  }

  public static String bucketOf(String path, Reply reply) {
    if (reply instanceof Reply.Single s && showsOthers(s.view())) {
      return InvalidationScope.EVERY_CHANGE;
    }
    return InvalidationScope.bucketOf(path);
  }

  private static boolean showsOthers(View view) {
    if (view instanceof View.VersionView) {
      return true;
    }
    if (view instanceof View.MetaView m) {
      return CrossReference.of(m.meta()) != null;
    }
    if (view instanceof View.ResourceView r) {
      return CrossReference.of(r.meta()) != null;
    }
    if (view instanceof View.GroupView g) {
      return anyShowsOthers(g.resources());
    }
    if (view instanceof View.RegistryView r) {
      return anyShowsOthers(r.groups());
    }
    return false;
  }

  private static boolean anyShowsOthers(Map<String, List<View>> children) {
    if (children == null) {
      return false;
    }
    for (List<View> views : children.values()) {
      for (View v : views) {
        if (showsOthers(v)) {
          return true;
        }
      }
    }
    return false;
  }
}
