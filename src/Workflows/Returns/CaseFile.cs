using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExportTaxCheck.Workflows.Returns.Customs;
using ExportTaxCheck.Workflows.Returns.Rules;

namespace ExportTaxCheck.Workflows.Returns;

/// <summary>One entry of a case's timeline: what happened, to which status, with which codes; <see cref="Notification"/> names the e-mail template it triggers.</summary>
public sealed record CaseEvent
{
    public required DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Message { get; init; }
    public ReturnCaseStatus? Status { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public string? Actor { get; init; }
    public string? Notification { get; init; }
}

/// <summary>The bytes behind an evidence document, as stored (§5.3 <c>Sha256</c>).</summary>
public sealed record DocumentFile(Guid DocId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// Everything the service knows about one case besides its certificates (which live in the registry): the header
/// and lines with their eligibility and make-up, evidence, supplement request, return declarations, cross-checks,
/// transmissions, the clearance outcome and the timeline.
/// </summary>
public sealed record CaseFile
{
    public required ReturnCase Case { get; init; }
    public IReadOnlyList<EvidenceDocument> Documents { get; init; } = [];
    public IReadOnlyList<DocumentFile> Files { get; init; } = [];
    public SupplementRequest? Supplement { get; init; }

    /// <summary>The codes that explain the current status (ineligibility, rejection, refusal).</summary>
    public IReadOnlyList<string> StatusReasons { get; init; } = [];

    /// <summary>Return declarations in the order they were filed; a corrected declaration replaces one with the same certificate.</summary>
    public IReadOnlyList<ReturnDeclaration> Declarations { get; init; } = [];

    /// <summary>Certificate numbers whose declaration was filed or corrected since its last cross-check.</summary>
    public IReadOnlyList<string> UncheckedDeclarations { get; init; } = [];

    public IReadOnlyList<CrossCheckResult> CrossChecks { get; init; } = [];
    public IReadOnlyList<CertificateTransmission> Transmissions { get; init; } = [];

    /// <summary>Paper certificates the exporter submitted after an outage (E-18), by certificate number.</summary>
    public IReadOnlyList<string> PaperSubmissions { get; init; } = [];

    public ClearanceOutcome? Clearance { get; init; }

    /// <summary>Stage 14: VAT or CT was collected at export; the exporter follows the domestic sales-return rules.</summary>
    public bool DomesticTaxCollectedAtExport { get; init; }

    public IReadOnlyList<CaseEvent> Timeline { get; init; } = [];

    /// <summary>Lines still in the case: ineligible lines are split off at screening (§2.4 stage 3).</summary>
    public IEnumerable<ReturnCaseLine> ActiveLines =>
        Case.Lines.Where(l => l.Eligibility?.Outcome != EligibilityOutcome.Ineligible);

    /// <summary>The declarations to check now: the latest one per certificate number.</summary>
    public IReadOnlyList<ReturnDeclaration> CurrentDeclarations =>
        Declarations.GroupBy(d => d.CertificateNo).Select(g => g.Last()).ToList();

    /// <summary>X-09: the refund status per export item of one export document, as tax pushes it to customs.</summary>
    public IReadOnlyDictionary<int, RefundStatus> RefundStatusOf(string exportDocNo) =>
        ActiveLines.Where(l => l.Export.ExportReference == exportDocNo).ToDictionary(l => l.Export.ItemNo, l => l.Refund.Status);

    public CrossCheckResult? LastCheckOf(string certificateNo) => CrossChecks.LastOrDefault(c => c.CertificateNo == certificateNo);
}

public static class ReturnsJson
{
    /// <summary>The one serializer setting for the domain's stored and wire JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ReadOnlySetConverterFactory() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Requests are read more strictly than stored data: a null where the contract has no null, or a missing
    /// constructor argument, is a format error naming the field, not a NullReferenceException wherever it is first used.
    /// </summary>
    public static JsonSerializerOptions Requests { get; } = new(Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
}

/// <summary>System.Text.Json cannot create an <see cref="IReadOnlySet{T}"/>; the domain's sets are read as hash sets.</summary>
internal sealed class ReadOnlySetConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReadOnlySetConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ReadOnlySetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToList(), options);
    }
}
