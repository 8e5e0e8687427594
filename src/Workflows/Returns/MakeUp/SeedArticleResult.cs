namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>C-12: the seed article's arithmetic (AS-17), not an official formula.</summary>
public sealed record SeedArticleResult(decimal FobCny, decimal Gross, decimal Result);
