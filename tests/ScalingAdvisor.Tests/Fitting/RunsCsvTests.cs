using ScalingAdvisor.Fitting;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class RunsCsvTests
{
    [Fact]
    public void Columns_are_found_in_any_order_and_letter_case_and_extra_columns_are_ignored()
    {
        var set = Read(Csv("row,LOSS,D,N,in_fit", "0,3.5,2e9,1e8,1", "1,3.1,4e9,2e8,0"));

        set.SourceName.Should().Be("runs.csv");
        set.Runs.Should().HaveCount(2);
        set.Runs[1].Parameters.Count.Should().Be(2e8);
        set.Runs[1].Tokens.Count.Should().Be(4e9);
        set.Runs[1].Loss.Should().Be(3.1);
        set.Runs[1].Weight.Should().Be(1.0);
    }

    [Fact]
    public void Long_column_names_and_an_optional_weight_are_read()
    {
        var set = Read(Csv("params, tokens, loss, weight", "1e8, 2e9, 3.5, 2", "", "2e8, 4e9, 3.1, 0.5"));

        set.Runs.Select(r => r.Weight).Should().Equal(2.0, 0.5);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_line_of_the_header()
    {
        var act = () => Read(Csv("params,loss", "1e8,3.5"));

        act.Should().Throw<ArgumentException>().WithMessage("runs.csv, line 1: the header has no tokens column*'tokens' or 'd'*");
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_reported_with_file_line_and_column()
    {
        var act = () => Read(Csv("N,D,loss", "1e8,2e9,3.5", "2e8,abc,3.1"));

        act.Should().Throw<ArgumentException>().WithMessage("runs.csv, line 3, column 'D': 'abc' is not a number.*");
    }

    [Theory]
    [InlineData("-3.1")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("Infinity")]
    public void A_loss_that_is_not_finite_and_positive_is_rejected_with_its_line(string loss)
    {
        var act = () => Read(Csv("N,D,loss", "1e8,2e9,3.5", $"2e8,4e9,{loss}"));

        act.Should().Throw<ArgumentException>().WithMessage($"runs.csv, line 3, column 'loss': the value {loss} should be finite and > 0.*");
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported()
    {
        var act = () => Read(Csv("N,D,loss", "1e8,2e9"));

        act.Should().Throw<ArgumentException>().WithMessage("runs.csv, line 2: expected 3 fields as in the header but found 2.*");
    }

    [Fact]
    public void An_empty_file_and_a_header_without_runs_are_rejected()
    {
        ((Action)(() => Read(""))).Should().Throw<ArgumentException>().WithMessage("*empty*");
        ((Action)(() => Read("N,D,loss\n"))).Should().Throw<ArgumentException>().WithMessage("*no runs*");
    }

    [Fact]
    public void A_column_named_twice_is_rejected()
    {
        var act = () => Read(Csv("N,params,D,loss", "1,1,2,3"));

        act.Should().Throw<ArgumentException>().WithMessage("*names the params column twice*");
    }

    [Fact]
    public void Reading_a_file_names_it_in_messages()
    {
        string path = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "N,D,loss\n1e8,2e9,-1\n");
        try
        {
            var act = () => RunsCsv.Read(path);

            act.Should().Throw<ArgumentException>().WithMessage($"{Path.GetFileName(path)}, line 2, column 'loss'*");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public class RunsCsvFormatTests
{
    [Fact]
    public void A_quoted_field_with_a_comma_a_byte_order_mark_and_CRLF_line_ends_are_read_as_RFC_4180_says()
    {
        var set = Read("\uFEFFparams,tokens,loss,note\r\n1e8,2e9,3.5,\"small, first\"\r\n\"2e8\",4e9,3.1,\"say \"\"hi\"\"\"\r\n");

        set.Runs.Should().HaveCount(2);
        set.Runs[1].Parameters.Count.Should().Be(2e8);
        set.Runs[1].Loss.Should().Be(3.1);
    }

    [Fact]
    public void Counts_take_the_command_lines_suffixes()
    {
        var set = Read(Csv("params,tokens,loss", "100M,1.4T,2.5", "70B,2e12,2.1"));

        set.Runs[0].Parameters.Count.Should().Be(1e8);
        set.Runs[0].Tokens.Count.Should().Be(1.4e12);
        set.Runs[1].Parameters.Count.Should().Be(7e10);
    }

    [Fact]
    public void Runs_carry_their_file_line_counting_the_header_as_line_1_and_blank_lines()
    {
        var set = Read("params,tokens,loss\n1e8,2e9,3.5\n\n2e8,4e9,3.1\n");

        set.Runs.Select(r => r.Line).Should().Equal(2, 4);
        var act = () => Read("params,tokens,loss\n1e8,2e9,3.5\n\n2e8,oops,3.1\n");
        act.Should().Throw<ArgumentException>().WithMessage("runs.csv, line 4, column 'tokens'*");
    }

    [Fact]
    public void More_runs_than_the_stated_limit_are_refused_while_reading()
    {
        var text = new System.Text.StringBuilder("params,tokens,loss\n");
        for (int i = 0; i <= ScalingAdvisor.Inputs.InputLimits.MaxRuns; i++)
        {
            text.Append("1e8,2e9,3.5\n");
        }

        var act = () => Read(text.ToString());

        act.Should().Throw<ScalingAdvisor.Inputs.InputTooLargeException>()
            .WithMessage($"runs.csv, line {ScalingAdvisor.Inputs.InputLimits.MaxRuns + 2}: more than 10000 runs*");
    }

    [Fact]
    public void A_file_larger_than_the_stated_byte_limit_is_refused_while_streaming()
    {
        string path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "params,tokens,loss,pad\n" + new string('x', (int)ScalingAdvisor.Inputs.InputLimits.MaxFileBytes));
        try
        {
            var act = () => RunsCsv.Read(path);

            act.Should().Throw<ScalingAdvisor.Inputs.InputTooLargeException>().WithMessage("*larger than the 4 MiB limit*");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
