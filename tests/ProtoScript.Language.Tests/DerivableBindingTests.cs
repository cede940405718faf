using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class DerivableBindingTests
{
    private const string Source = """
        scenario "d" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(5 / s) on A }
          expect {
            derivable
          }
        }
        """;

    [Fact]
    public void Derivable_binds_as_its_own_expectation_kind_with_its_text_and_location()
    {
        var result = TestSources.Compile(Source);

        Assert.Empty(result.Diagnostics);
        var expectation = Assert.Single(result.Model!.Expectations);
        Assert.Equal(ExpectationKind.Derivable, expectation.Kind);
        Assert.Equal("derivable", expectation.Text);
        Assert.Equal(9, expectation.Location.Line);
        Assert.Equal(5, expectation.Location.Column);
    }

    [Fact]
    public void Derivable_with_an_argument_is_an_error_that_says_how_to_write_it()
    {
        var errors = TestSources.Errors(Source.Replace("    derivable", "    derivable total_supply", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains("`derivable` takes no arguments", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_expectation_lists_derivable_among_the_known_ones()
    {
        var error = TestSources.Single(Source.Replace("    derivable", "    derivible", StringComparison.Ordinal));

        Assert.Equal("did you mean `derivable`?", error.Hint);
    }
}
