namespace ScalingAdvisor.Tests.Fitting;

public class ChinchillaDataFactAttributeTests
{
    [Fact]
    public void A_folder_without_the_data_set_skips_the_data_set_tests_and_says_why()
    {
        string missing = Path.Combine(Path.GetTempPath(), "scalingadvisor-no-datasets-" + Guid.NewGuid().ToString("N"));
        FittingTestData.ChinchillaPath(missing).Should().BeNull();
        new ChinchillaDataFactAttribute(missing).Skip.Should()
            .Contain(FittingTestData.ChinchillaFileName).And.Contain(missing).And.Contain(FittingTestData.DatasetsVariable);
    }

    [Fact]
    public void A_folder_holding_the_data_set_runs_them()
    {
        var folder = Directory.CreateTempSubdirectory("scalingadvisor-datasets-");
        try
        {
            string file = Path.Combine(folder.FullName, FittingTestData.ChinchillaFileName);
            File.WriteAllText(file, "N,D,loss,in_fit\n");
            FittingTestData.ChinchillaPath(folder.FullName).Should().Be(file);
            new ChinchillaDataFactAttribute(folder.FullName).Skip.Should().BeNull();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
