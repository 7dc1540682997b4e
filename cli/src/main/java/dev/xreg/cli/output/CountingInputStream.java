package dev.xreg.cli.output;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Feeds a progress bar with the bytes that pass through. */
public final class CountingInputStream extends FilterInputStream {
  private final ProgressBar progress;

  public CountingInputStream(InputStream in, ProgressBar progress) {
    super(in);
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      progress.add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      progress.add(n);
    }
    return n;
  }
}
