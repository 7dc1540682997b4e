package dev.xreg.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

/** Issue 19: htpasswd files with bcrypt, and the short cache of verified pairs. */
class UsersTest {
  static String line(String user, String password) {
    return user + ":" + new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, password.toCharArray()));
  }

  @Test
  void bcryptLinesVerifyAndAreRememberedOnlyWhenRight() {
    Users users = Users.parse("# comment\n\n" + line("alice", "pw") + "\r\n" + line("bob", "other") + "\n", "u");
    assertThat(users.recentlyVerified("alice", "pw")).isFalse();
    assertThat(users.verify("alice", "pw")).isTrue();
    assertThat(users.recentlyVerified("alice", "pw")).isTrue();
    assertThat(users.verify("alice", "PW")).isFalse();
    assertThat(users.recentlyVerified("alice", "PW")).isFalse();
    assertThat(users.verify("bob", "pw")).isFalse();
    assertThat(users.verify("nobody", "pw")).isFalse();
    assertThat(users.recentlyVerified("nobody", "pw")).isFalse();
    assertThat(users.verify("alice", "x".repeat(100))).isFalse();
  }

  @Test
  void otherHashKindsAndMalformedLinesFailTheStartNamingTheLine() {
    assertThatThrownBy(() -> Users.parse(line("a", "b") + "\nbob:{SHA}abc=\n", "users.htpasswd"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users.htpasswd line 2")
        .hasMessageContaining("bcrypt");
    assertThatThrownBy(() -> Users.parse("no colon here", "u")).hasMessageContaining("line 1 is not user:hash");
  }
}
