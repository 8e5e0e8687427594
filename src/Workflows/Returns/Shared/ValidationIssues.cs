namespace ExportTaxCheck.Returns.Shared;

/// <summary>Turns validation issues into the 400 ProblemDetails every command answers: <c>code</c> the first, <c>codes</c> all, <c>errors</c> per field.</summary>
public static class ValidationIssues
{
    public static void ThrowIfAny(IReadOnlyCollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.Count > 0)
            throw Exception(issues);
    }

    public static InvalidRequestException Exception(IReadOnlyCollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var errors = issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => $"{i.Code}: {i.Message}").ToArray());
        var first = issues.First();
        var exception = new InvalidRequestException(first.Code, string.Join(" ", issues.Select(i => $"{i.Code} ({i.Field}): {i.Message}")), errors);
        exception.Extensions["codes"] = issues.Select(i => i.Code).Distinct().ToArray();
        return exception;
    }
}
