using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Language.Tests;

public class UntrustedTextTests
{
    [Theory]
    [InlineData("plain `text` é 😀", "plain `text` é 😀")]
    [InlineData("a\nb\r\nc\td", "a\\nb\\r\\nc\\td")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")]
    [InlineData("\u0000\u007f\u0085", "\\u0000\\u007f\\u0085")]
    [InlineData("abc\u202edef\u2028", "abc\\u202edef\\u2028")]
    [InlineData("", "")]
    public void Control_and_format_characters_are_escaped(string text, string shown) =>
        Assert.Equal(shown, UntrustedText.Show(text));

    [Fact]
    public void Long_text_is_cut_at_the_limit_and_says_how_much_was_left_out()
    {
        var shown = UntrustedText.Show(new string('a', 30_000_000));

        Assert.Equal(new string('a', 500) + "… (29999500 more characters)", shown);
    }

    [Fact]
    public void The_limit_counts_escapes_and_never_splits_one()
    {
        var shown = UntrustedText.Show(new string('\n', 300), 10);

        Assert.Equal("\\n\\n\\n\\n\\n… (295 more characters)", shown);
        Assert.Equal("ab… (1 more character)", UntrustedText.Show("abc", 2));
        Assert.Equal("abc", UntrustedText.Show("abc", 3));
        Assert.Equal("… (2 more characters)", UntrustedText.Show("😀", 1));
    }

    [Fact]
    public void An_unpaired_surrogate_is_escaped()
    {
        // Built at run time: an attribute argument could not even hold it.
        var text = "lone " + (char)0xD800 + " surrogate";

        Assert.Equal("lone \\ud800 surrogate", UntrustedText.Show(text));
    }

    [Fact]
    public void Null_is_shown_as_nothing() => Assert.Equal(string.Empty, UntrustedText.Show(null));
}
