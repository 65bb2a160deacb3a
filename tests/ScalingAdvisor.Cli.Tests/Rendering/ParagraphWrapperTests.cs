using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

public class ParagraphWrapperTests
{
    [Fact]
    public void A_line_that_fits_is_unchanged()
    {
        ParagraphWrapper.Wrap("a short line", 20).Should().Equal("a short line");
        ParagraphWrapper.Wrap("", 20).Should().Equal("");
    }

    [Fact]
    public void Breaks_at_word_boundaries_and_no_line_ends_in_white_space()
    {
        // "alpha beta" is 10 wide; " gamma" would make 16 > 12.
        ParagraphWrapper.Wrap("alpha beta gamma delta", 12).Should().Equal("alpha beta", "gamma delta");
    }

    [Fact]
    public void A_space_that_does_not_fit_is_dropped_at_the_break()
    {
        // "alpha beta" is exactly 10 wide; the following space does not fit.
        ParagraphWrapper.Wrap("alpha beta gamma", 10).Should().Equal("alpha beta", "gamma");
    }

    [Fact]
    public void Continuation_lines_repeat_the_leading_white_space()
    {
        ParagraphWrapper.Wrap("  aaaa bbbb cccc", 10).Should().Equal("  aaaa", "  bbbb", "  cccc");
    }

    [Fact]
    public void A_word_wider_than_the_line_is_cut_into_pieces()
    {
        ParagraphWrapper.Wrap("ab cdefghijkl m", 5).Should().Equal("ab", "cdefg", "hijkl", "m");
    }

    [Fact]
    public void Each_line_of_the_text_is_wrapped_on_its_own()
    {
        ParagraphWrapper.Wrap("aaa bbb\nccc", 4).Should().Equal("aaa", "bbb", "ccc");
    }

    [Fact]
    public void Narrow_non_ascii_characters_count_as_one_column()
    {
        ParagraphWrapper.Wrap("6·N·D › x", 9).Should().Equal("6·N·D › x");
        ParagraphWrapper.Wrap("6·N·D › x", 8).Should().Equal("6·N·D ›", "x");
    }

    [Fact]
    public void A_wide_character_is_never_split_when_a_word_is_cut()
        => ParagraphWrapper.Wrap("漢字漢字", 3).Should().Equal("漢", "字", "漢", "字");
}
