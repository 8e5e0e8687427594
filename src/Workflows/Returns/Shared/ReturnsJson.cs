using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Holds;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Shared;

public static class ReturnsJson
{
    /// <summary>The one serializer setting for the domain's stored and wire JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ReadOnlySetConverterFactory(), WrittenOnce() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Requests are read more strictly than stored data: a null where the contract has no null, or a missing
    /// constructor argument, is a format error naming the field, not a NullReferenceException wherever it is first used.
    /// </summary>
    public static JsonSerializerOptions Requests { get; } =
        new(WrittenOnceConverterFactory.Without(Options)) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    /// <summary>
    /// The parts of a case file a step carries over to the next file unchanged, and the immutable records a case view shows
    /// as they were read (a certificate as parsed once, a line's eligibility and make-up, an application), written once
    /// per setting (the case file's own here; the API's answers add one of their own).
    /// </summary>
    public static WrittenOnceConverterFactory WrittenOnce() => new(
        typeof(CaseEvent), typeof(ReturnCase), typeof(ReturnCaseLine), typeof(ExportLineSnapshot), typeof(EvidenceDocument),
        typeof(DocumentFile), typeof(ReturnDeclaration), typeof(CrossCheckResult), typeof(CertificateTransmission),
        typeof(ClearanceOutcome), typeof(CaseHold), typeof(Certificate), typeof(CertificateApplicationRequest), typeof(EligibilityResult),
        typeof(MakeUpRecord));

    // Stored JSON read in one go, without the written-once parts (there is nothing to keep when reading).
    private static readonly JsonSerializerOptions Reading = WrittenOnceConverterFactory.Without(Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Reading) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
}
