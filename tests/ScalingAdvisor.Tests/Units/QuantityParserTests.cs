using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Units;

public class QuantityParserTests
{
    [Theory]
    [InlineData("70000000000", 7e10)]
    [InlineData("7e10", 7e10)]
    [InlineData("70B", 7e10)]
    [InlineData("70b", 7e10)]
    [InlineData("70G", 7e10)]
    [InlineData("1.4T", 1.4e12)]
    [InlineData("350M", 3.5e8)]
    [InlineData("12k", 1.2e4)]
    [InlineData("2P", 2e15)]
    public void Counts_accept_plain_scientific_and_suffixed_forms(string text, double expected)
    {
        QuantityParser.TryParseCount(text, out double value).Should().BeTrue();
        value.Should().BeApproximately(expected, expected * 1e-15);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("")]
    [InlineData("B")]
    [InlineData("7X")]
    public void Counts_reject_what_is_not_a_finite_number(string text)
        => QuantityParser.TryParseCount(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("80GiB", 80 * 1073741824d)]
    [InlineData("80GB", 80e9)]
    [InlineData("80 GB", 80e9)]
    [InlineData("512MiB", 512 * 1048576d)]
    [InlineData("1TB", 1e12)]
    [InlineData("2TiB", 2 * 1099511627776d)]
    [InlineData("1.5e9B", 1.5e9)]
    [InlineData("48gib", 48 * 1073741824d)]
    public void Byte_sizes_keep_decimal_and_binary_units_apart(string text, double expected)
    {
        QuantityParser.TryParseBytes(text, out double value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("80G")]
    [InlineData("1.5e9")]
    [InlineData("80Gi")]
    public void Byte_sizes_without_a_unit_are_refused(string text)
        => QuantityParser.TryParseBytes(text, out _).Should().BeFalse("a bare number or a count suffix does not say GB or GiB");
}
