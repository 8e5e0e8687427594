using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Tests.Intake;

public class FoodClassifierTests
{
    [Theory]
    [InlineData("2106909090", FoodClass.Food)]
    [InlineData("1507100000", FoodClass.Food)]
    [InlineData("2309109000", FoodClass.NotFood)]
    [InlineData("1518000000", FoodClass.NeedsReview)]
    [InlineData("3502110000", FoodClass.NeedsReview)]
    [InlineData("8518300000", FoodClass.NotFood)]
    public void Classify_A07DefaultList_ByLongestPrefix(string hsCode, FoodClass expected)
    {
        Assert.Equal(expected, FoodClassifier.Classify(hsCode, FoodListOptions.Default));
    }

    [Fact]
    public void Classify_OfficerOverride_WinsBothWays()
    {
        Assert.Equal(FoodClass.NotFood, FoodClassifier.Classify("2106909090", false, FoodListOptions.Default));
        Assert.Equal(FoodClass.Food, FoodClassifier.Classify("2309109000", true, FoodListOptions.Default));
    }
}
