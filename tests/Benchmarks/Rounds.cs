using System.Globalization;

namespace ExportTaxCheck.Benchmarks;

/// <summary>Figures measured in rounds that take turns: the middle round is the figure, the rounds are printed beside it.</summary>
internal static class Rounds
{
    /// <summary>The middle value (the upper one of the two middle values of an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The rounds in the order they ran, as <c>a / b / c</c>.</summary>
    public static string Joined(IEnumerable<double> values, string format = "0") =>
        string.Join(" / ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
