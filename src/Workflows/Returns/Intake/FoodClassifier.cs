namespace ExportTaxCheck.Returns.Intake;

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
