namespace ExportTaxCheck.Returns.Intake;

/// <summary>
/// E-03 / A-07 food list as HS prefixes (2-digit chapters, 4-digit headings, or longer). The longest matching
/// prefix decides, so a configuration can carve exceptions out of a chapter.
/// </summary>
public sealed record FoodListOptions
{
    public static FoodListOptions Default { get; } = new()
    {
        // chapters 02-04, 07-11 and 16-22 (21 includes 2106 preparations and supplements) plus headings 1501-1517.
        FoodPrefixes = ["02", "03", "04", "07", "08", "09", "10", "11", .. Range(16, 22, "{0:00}"), .. Range(1501, 1517, "{0}")],
        // the officer decides for chapters 01, 12, 13 and headings 1518, 2501, 2936, 3501-3504.
        ReviewPrefixes = ["01", "12", "13", "1518", "2501", "2936", .. Range(3501, 3504, "{0}")],
        // E-03: chapter 23 (including 2309 pet food and feed) is not for human consumption.
        NonFoodPrefixes = ["23"],
    };

    public IReadOnlyList<string> FoodPrefixes { get; init; } = [];
    public IReadOnlyList<string> ReviewPrefixes { get; init; } = [];
    public IReadOnlyList<string> NonFoodPrefixes { get; init; } = [];

    private static IEnumerable<string> Range(int from, int to, string format) =>
        Enumerable.Range(from, to - from + 1).Select(n => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, n));
}
