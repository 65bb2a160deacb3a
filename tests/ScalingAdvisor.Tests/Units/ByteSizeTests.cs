using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Units;

public class ByteSizeTests
{
    [Fact]
    public void Eighty_gibibytes_is_not_eighty_gigabytes()
    {
        ByteSize.FromGibibytes(80).Bytes.Should().Be(80 * 1073741824.0);
        ByteSize.FromGigabytes(80).Bytes.Should().Be(80e9);
        ByteSize.FromGibibytes(80).TotalGigabytes.Should().BeApproximately(85.899, 1e-3);
    }

    [Fact]
    public void Four_bits_are_half_a_byte_not_zero()
        => ByteSize.FromBits(4).Bytes.Should().Be(0.5);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void Factories_reject_values_that_are_not_sizes(double value)
    {
        var act = () => ByteSize.FromGigabytes(value);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Formatter_keeps_decimal_and_binary_units_apart()
    {
        QuantityFormatter.FormatBytesDecimal(120e9).Should().Be("120 GB");
        QuantityFormatter.FormatBytesBinary(80 * 1073741824.0).Should().Be("80 GiB");
        QuantityFormatter.FormatBytesDecimal(999.96e9).Should().Be("1 TB");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Fixed_formatting_refuses_a_number_of_decimals_out_of_range_naming_it(int decimals)
    {
        var act = () => QuantityFormatter.FormatFixed(8, decimals);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("decimals");
        QuantityFormatter.FormatFixed(13.9643, 2).Should().Be("13.96");
    }
}
