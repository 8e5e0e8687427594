namespace ExportTaxCheck.Workflows.Returns.Rules;

public enum FoodClass
{
    NotFood,
    Food,
    NeedsReview,
}

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

public static class FoodClassifier
{
    /// <summary>Classifies by the HS list alone. Ties between lists go to the stricter class (Food, then review).</summary>
    public static FoodClass Classify(string hsCode, FoodListOptions list)
    {
        var best = (Length: 0, Class: FoodClass.NotFood);
        Consider(list.FoodPrefixes, FoodClass.Food);
        Consider(list.ReviewPrefixes, FoodClass.NeedsReview);
        Consider(list.NonFoodPrefixes, FoodClass.NotFood);
        return best.Class;

        void Consider(IEnumerable<string> prefixes, FoodClass kind)
        {
            foreach (var prefix in prefixes)
                if (prefix.Length > best.Length && hsCode.StartsWith(prefix, StringComparison.Ordinal))
                    best = (prefix.Length, kind);
        }
    }

    /// <summary>E-03 with the officer flag, which overrides the list in both directions.</summary>
    public static FoodClass Classify(string hsCode, bool? officerIsFood, FoodListOptions list) => officerIsFood switch
    {
        true => FoodClass.Food,
        false => FoodClass.NotFood,
        null => Classify(hsCode, list),
    };
}
