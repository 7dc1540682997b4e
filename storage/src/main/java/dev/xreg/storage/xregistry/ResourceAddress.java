package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.text.PercentEncoding;

/**
 * The rows a GET of a Resource or one Version will ask for ({@code metaXid}, {@code versionId}:
 * null for the default), read off the path before the model is known: the model comes with the
 * registry row, and a read without a shared copy of that row fetches both in one statement
 * (issue 15, R1-miss). Only a guess: the store answers {@code findResource} from it when the
 * request, resolved against the model, asks for exactly these rows, and ignores it otherwise.
 */
record ResourceAddress(String metaXid, String versionId) {

  /** The address a read of {@code request} would load, or null if its path names no Resource or Version. */
  static ResourceAddress of(RegistryRequest request) {
    if (request.operation() != Operation.READ || request.target() != Target.ENTITY) {
      return null;
    }
    // a scan rather than String.split: this runs on every uncached GET (issue 15, R1-miss profile)
    String path = request.path();
    String[] seg = new String[6];
    int n = 0;
    int from = 0;
    while (from <= path.length()) {
      int slash = path.indexOf('/', from);
      int end = slash < 0 ? path.length() : slash;
      if (end > from) {
        if (n == seg.length) {
          return null;
        }
        seg[n++] = path.substring(from, end);
      }
      from = end + 1;
    }
    if (n != 4 && !(n == 6 && "versions".equals(seg[4]))) {
      return null;
    }
    String last = seg[n - 1];
    if (last.endsWith(EntityPath.DETAILS)) {
      seg[n - 1] = last.substring(0, last.length() - EntityPath.DETAILS.length());
    }
    try {
      String meta = "/" + PercentEncoding.decode(seg[0]) + "/" + PercentEncoding.decode(seg[1]) + "/"
          + PercentEncoding.decode(seg[2]) + "/" + PercentEncoding.decode(seg[3]) + "/meta";
      return new ResourceAddress(meta, n == 6 ? PercentEncoding.decode(seg[5]) : null);
    } catch (IllegalArgumentException malformed) {
      return null; // the path's own parse says what is wrong with it
    }
  }
}
