namespace ExportTaxCheck.Engine.Problems;

public sealed class InvalidRequestException : ProblemException
{
    public InvalidRequestException(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(400, "Invalid request", code, detail)
    {
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
