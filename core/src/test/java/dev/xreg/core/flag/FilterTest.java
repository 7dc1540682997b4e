package dev.xreg.core.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.flag.Filter.Op;
import dev.xreg.core.flag.Filter.Segment.Kind;
import dev.xreg.core.error.XRegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORE-FIL-001/002/010: the filter expression and dot-notation syntax. */
class FilterTest {

  @Test
  void pathsSplitIntoNamesKeysIndexesAndWildcards() {
    Filter.Expression x = one("a.b['c.d'][2][*].*[\"e'f\"]!=v");
    assertThat(x.path()).extracting(Filter.Segment::kind)
        .containsExactly(Kind.NAME, Kind.NAME, Kind.KEY, Kind.INDEX, Kind.ANY_ITEM, Kind.ANY_KEY, Kind.KEY);
    assertThat(x.path().get(2).name()).isEqualTo("c.d");
    assertThat(x.path().get(3).index()).isEqualTo(2);
    assertThat(x.path().get(6).name()).isEqualTo("e'f");
    assertThat(x.op()).isEqualTo(Op.NE);
    assertThat(x.value()).isEqualTo("v");
  }

  @Test
  void operatorsInsideQuotedKeysAndEscapedCommasInValuesAreText() {
    List<Filter.Expression> term = Filter.parse(List.of("m['a=b,c']=x\\,y,n"), "/").anyOf().get(0);
    assertThat(term).hasSize(2);
    assertThat(term.get(0).path().get(1).name()).isEqualTo("a=b,c");
    assertThat(term.get(0).value()).isEqualTo("x,y");
    assertThat(term.get(1).op()).isEqualTo(Op.PRESENT);
  }

  @Test
  void textIsParsedBackToTheSameExpressions() {
    for (String f : List.of("a.b['c.d'][2][*].*=v*", "x<=3", "m[\"it's\"]=null", "s!=a\\,b", "n", "t>=2020-01-01")) {
      List<Filter.Expression> term = Filter.parse(List.of(f), "/").anyOf().get(0);
      assertThat(Filter.parse(List.of(Filter.text(term)), "/").anyOf().get(0)).as(f).isEqualTo(term);
    }
  }

  @Test
  void droppingAHopLeavesTheRestOfThePath() {
    assertThat(one("files.labels.*=x").drop(1).text()).isEqualTo("labels.*=x");
  }

  @Test
  void malformedExpressionsAreBadFilter() {
    for (String bad : List.of("", "a..b", "a.", "a[x]", "a['b", "a[*", "[]", "a=1,", "A=1", "x<", "x>a*",
        "excludeall,a=1")) {
      assertThatThrownBy(() -> Filter.parse(List.of(bad), "/")).as(bad).isInstanceOf(XRegistryException.class)
          .hasMessageContaining("filter");
    }
  }

  private static Filter.Expression one(String text) {
    return Filter.parse(List.of(text), "/").anyOf().get(0).get(0);
  }
}
