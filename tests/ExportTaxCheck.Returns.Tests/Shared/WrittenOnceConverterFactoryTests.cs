using System.Text.Json;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using ExportTaxCheck.Returns.Tests.Support;

namespace ExportTaxCheck.Returns.Tests.Shared;

/// <summary>The case file's carried-over parts are written once per instance, and the JSON is the setting's own.</summary>
public sealed class WrittenOnceConverterFactoryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void CaseFile_WrittenTwice_IsTheJsonOfTheSettingWithoutTheFactory()
    {
        var file = CaseFileWithEverything();
        var plain = new JsonSerializerOptions(ReturnsJson.Options);
        plain.Converters.Remove(plain.Converters.OfType<WrittenOnceConverterFactory>().Single());
        var expected = JsonSerializer.Serialize(file, plain);

        Assert.Equal(expected, ReturnsJson.Serialize(file));
        Assert.Equal(expected, ReturnsJson.Serialize(file));
        Assert.Contains("\"timeline\":[{\"at\":", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void NextFile_WithAChangedEntry_WritesTheChangeAndKeepsTheRest()
    {
        var file = CaseFileWithEverything();
        var before = ReturnsJson.Serialize(file);
        var next = file with
        {
            Timeline = [file.Timeline[0] with { Message = "Changed." }, .. file.Timeline.Skip(1)],
            Case = file.Case with { ExporterName = "另一家企业" },
        };

        var after = ReturnsJson.Serialize(next);

        Assert.Contains("\"message\":\"Changed.\"", after, StringComparison.Ordinal);
        Assert.Contains("另一家企业", after, StringComparison.Ordinal);
        Assert.DoesNotContain("\"message\":\"Changed.\"", before, StringComparison.Ordinal);
        Assert.Equal(ReturnsJson.Serialize(next with { }), after);
    }

    [Fact]
    public void ACertificateAndALinesEligibilityAndMakeUp_AreWrittenOnce_AndAChangedCertificateAfresh()
    {
        var certificate = ReturnFixtures.Certificate();
        var eligibility = new EligibilityResult { Outcome = EligibilityOutcome.Eligible, PolicyVersionId = "2026-16", Deadline = new DateOnly(2027, 2, 1) };
        var makeUp = new MakeUpRecord { Method = MakeUpMethod.Repaid, MakeUpVat = 130.50m, PaymentVoucherNo = "V-1" };
        var plain = WrittenOnceConverterFactory.Without(ReturnsJson.Options);
        object Shown(Certificate c) => new { Certificates = new[] { c }, Eligibility = eligibility, MakeUp = makeUp };

        var first = ReturnsJson.Serialize(Shown(certificate));
        var again = ReturnsJson.Serialize(Shown(certificate));
        var used = certificate with { Status = CertificateStatus.Used, UsedOn = new DateOnly(2026, 9, 1) };
        var afterUse = ReturnsJson.Serialize(Shown(used));

        foreach (var type in new[] { typeof(Certificate), typeof(EligibilityResult), typeof(MakeUpRecord), typeof(CertificateApplicationRequest) })
            Assert.Equal(typeof(WrittenOnceConverterFactory), ReturnsJson.Options.GetConverter(type).GetType().DeclaringType);
        Assert.Equal(JsonSerializer.Serialize(Shown(certificate), plain), first);
        Assert.Equal(first, again);
        Assert.Equal(JsonSerializer.Serialize(Shown(used), plain), afterUse);
        Assert.Contains("\"status\":\"Used\"", afterUse, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Transmitted\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseFile_ReadBack_EqualsWhatWasWritten()
    {
        var file = CaseFileWithEverything();

        var read = ReturnsJson.Deserialize<CaseFile>(ReturnsJson.Serialize(file));

        Assert.Equal(ReturnsJson.Serialize(file), ReturnsJson.Serialize(read));
        // Read through the setting that holds the factory too (part by part, each in one go).
        Assert.Equal(ReturnsJson.Serialize(file), ReturnsJson.Serialize(JsonSerializer.Deserialize<CaseFile>(ReturnsJson.Serialize(file), ReturnsJson.Options)));
        Assert.Equal((file.Timeline[1].At, file.Timeline[1].Message, file.Timeline[1].Status), (read.Timeline[1].At, read.Timeline[1].Message, read.Timeline[1].Status));
        Assert.Equal(file.Timeline[1].Codes, read.Timeline[1].Codes);
        Assert.Equal(file.CrossChecks[0].CertificateNo, read.CrossChecks[0].CertificateNo);
    }

    [Fact]
    public void SameInstance_IsLookedAtOnce_PerSetting()
    {
        var counted = new Counted("a");
        var options = new JsonSerializerOptions { Converters = { new WrittenOnceConverterFactory(typeof(Counted)) } };
        var other = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new WrittenOnceConverterFactory(typeof(Counted)) } };

        Assert.Equal("[{\"Value\":\"a\"},{\"Value\":\"a\"}]", JsonSerializer.Serialize(new[] { counted, counted }, options));
        Assert.Equal("{\"Value\":\"a\"}", JsonSerializer.Serialize(counted, options));
        Assert.Equal(1, counted.Reads);
        // Another setting writes it its own way (camelCase here), once.
        Assert.Equal("{\"value\":\"a\"}", JsonSerializer.Serialize(counted, other));
        Assert.Equal("{\"value\":\"a\"}", JsonSerializer.Serialize(counted, other));
        Assert.Equal(2, counted.Reads);
    }

    [Fact]
    public void IndentedOutput_IsTheSettingsOwn()
    {
        var file = CaseFileWithEverything();
        var indented = new JsonSerializerOptions(ReturnsJson.Options) { WriteIndented = true };
        var plain = new JsonSerializerOptions(indented);
        plain.Converters.Remove(plain.Converters.OfType<WrittenOnceConverterFactory>().Single());
        ReturnsJson.Serialize(file);

        Assert.Equal(JsonSerializer.Serialize(file, plain), JsonSerializer.Serialize(file, indented));
    }

    [Fact]
    public void Requests_AreReadWithoutTheFactory()
    {
        Assert.Empty(ReturnsJson.Requests.Converters.OfType<WrittenOnceConverterFactory>());
        Assert.Single(ReturnsJson.Options.Converters.OfType<WrittenOnceConverterFactory>());
        // The plain setting is made once per setting and shared.
        Assert.Same(WrittenOnceConverterFactory.Without(ReturnsJson.Options), WrittenOnceConverterFactory.Without(ReturnsJson.Options));
        Assert.Empty(WrittenOnceConverterFactory.Without(ReturnsJson.Options).Converters.OfType<WrittenOnceConverterFactory>());
    }

    [Fact]
    public void SameInstance_InANewParent_IsLookedAtOnce()
    {
        var counted = new Counted("a");
        var options = new JsonSerializerOptions { Converters = { new WrittenOnceConverterFactory(typeof(Parent), typeof(Counted)) } };

        Assert.Equal("{\"Name\":\"p1\",\"Child\":{\"Value\":\"a\"}}", JsonSerializer.Serialize(new Parent("p1", counted), options));
        Assert.Equal("{\"Name\":\"p2\",\"Child\":{\"Value\":\"a\"}}", JsonSerializer.Serialize(new Parent("p2", counted), options));
        Assert.Equal(1, counted.Reads);
    }

    [Fact]
    public void APlainSettingMadeBeforeItsSettingWasUsed_StillReads()
    {
        var setting = new JsonSerializerOptions { Converters = { new WrittenOnceConverterFactory(typeof(Item)) } };
        _ = WrittenOnceConverterFactory.Without(setting);

        Assert.Equal(new Item("a"), JsonSerializer.Deserialize<Item>("{\"Value\":\"a\"}", setting));
        Assert.Equal([new Item("b")], JsonSerializer.Deserialize<List<Item>>("[{\"Value\":\"b\"}]", setting));
    }

    private sealed record Item(string Value);

    private sealed record Parent(string Name, Counted Child);

    private sealed class Counted(string value)
    {
        internal int Reads { get; private set; }

        public string Value
        {
            get
            {
                Reads++;
                return value;
            }
        }
    }

    private static CaseFile CaseFileWithEverything() => new()
    {
        Case = ReturnFixtures.CaseOf(ReturnFixtures.Line(), ReturnFixtures.Line()),
        Declarations = [ReturnFixtures.Declaration(ReturnFixtures.DeclarationLine())],
        CrossChecks = [CrossCheckResult.Unavailable(Guid.NewGuid(), "C-1", "R-1", At, UnavailableCause.NetworkFailure)],
        Timeline =
        [
            new CaseEvent { At = At, Kind = "Status", Message = "The return request was received.", Status = ReturnCaseStatus.Submitted, Actor = "Exporter", Text = "Received" },
            new CaseEvent { At = At.AddMinutes(1), Kind = "Status", Message = "Screened.", Status = ReturnCaseStatus.EvidenceReview, Codes = ["E-01"], Args = ["x"] },
        ],
    };
}
