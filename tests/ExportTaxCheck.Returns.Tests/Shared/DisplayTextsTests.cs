using System.Globalization;
using System.Reflection;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Shared;

/// <summary>The catalogue covers every word the workspace and the mails show, in both languages.</summary>
public sealed class DisplayTextsTests
{
    public static TheoryData<string> EnumValues()
    {
        var data = new TheoryData<string>();
        foreach (var type in DisplayTexts.Enums)
        {
            foreach (var name in Enum.GetNames(type))
                data.Add(type.Name + "." + name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnumValues))]
    public void EveryShownEnumValue_HasAText_InBothLanguages(string key)
    {
        var english = DisplayTexts.Find(key, DisplayTexts.English);
        var chinese = DisplayTexts.Find(key, DisplayTexts.Chinese);

        Assert.False(string.IsNullOrWhiteSpace(english), $"{key} has no English text.");
        Assert.False(string.IsNullOrWhiteSpace(chinese), $"{key} has no Chinese text.");
        Assert.NotEqual(english, chinese);
        Assert.NotEqual(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], chinese);
    }

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            data.Add((string)field.GetRawConstantValue()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryReasonCode_HasASentence_InBothLanguages_SayingWhatToDo(string code)
    {
        var english = DisplayTexts.Find("Reason." + code, DisplayTexts.English);
        var chinese = DisplayTexts.Find("Reason." + code, DisplayTexts.Chinese);

        Assert.NotNull(english);
        Assert.NotNull(chinese);
        Assert.NotEqual(english, chinese);
        Assert.EndsWith(".", english, StringComparison.Ordinal);
        Assert.EndsWith("。", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain(code, english, StringComparison.Ordinal);
    }

    public static TheoryData<string> OfficerSteps()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(DecideClearance).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(HumanTaskActivity)) && !t.IsAbstract))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(OfficerSteps))]
    public void EveryOfficerStep_HasATitle_AndEveryOutcomeAText_InBothLanguages(string typeName)
    {
        var type = typeof(DecideClearance).Assembly.GetType(typeName)!;
        var step = (HumanTaskActivity)Activator.CreateInstance(type)!;

        foreach (var culture in new[] { DisplayTexts.English, DisplayTexts.Chinese })
        {
            Assert.NotEqual("untitled", DisplayTexts.TaskTitle("ExportTaxCheck." + type.Name, "untitled", "RC-1", culture));
            foreach (var outcome in step.GetOfficerOutcomes())
                Assert.NotNull(DisplayTexts.Find("Outcome." + outcome, culture));
        }
    }

    [Theory]
    [InlineData(CertificateVariant.TaxPaid, CertificateRefundStatus.Repaid)]
    [InlineData(CertificateVariant.NotRefunded, CertificateRefundStatus.NotDeclared)]
    public void EverySelfCheck_TheReviewLists_HasANameAndAFailureSentence_InBothLanguages(CertificateVariant variant, CertificateRefundStatus status)
    {
        var application = new Certificate
        {
            ApplicationId = Guid.NewGuid(), Variant = variant, RefundStatusOnCert = status, IssuingTaxAuthorityCode = "14403000000",
            EnterpriseUscc = "91440300MA5FXXXX00", EnterpriseName = "E", EnterpriseCustomsCode = "4403960001", Lines = [],
        };
        var checks = CertificateSelfCheck.Checks(application);

        Assert.Contains(ReasonCodes.InvalidUscc, checks);
        Assert.Equal(variant == CertificateVariant.TaxPaid, checks.Contains(ReasonCodes.RefundStatusMismatch));
        foreach (var code in checks)
        {
            var english = DisplayTexts.Find("SelfCheck." + code, DisplayTexts.English);
            Assert.False(string.IsNullOrWhiteSpace(english), $"{code} has no English name.");
            Assert.NotEqual(english, DisplayTexts.Find("SelfCheck." + code, DisplayTexts.Chinese));
            Assert.True(DisplayTexts.HasReason(code), code);
        }
    }

    [Fact]
    public void Reason_OfASubCodeWithoutItsOwnSentence_IsItsFamilysSentence()
    {
        Assert.Equal(DisplayTexts.Reason(ReasonCodes.EvidenceIncomplete, DisplayTexts.Chinese), DisplayTexts.Reason("EVIDENCE_INCOMPLETE:SOMETHING_NEW", DisplayTexts.Chinese));
        Assert.Equal("NOT_A_CODE", DisplayTexts.Reason("NOT_A_CODE", DisplayTexts.English));
    }

    [Fact]
    public void Status_SaysWhatTheCaseWaitsFor_AndWhoActsNext()
    {
        Assert.Equal("等待海关审核放行", DisplayTexts.Waiting(ReturnCaseStatus.ClearanceDecision, DisplayTexts.Chinese));
        Assert.Equal("Waiting for the customs clearance decision", DisplayTexts.Waiting(ReturnCaseStatus.ClearanceDecision, DisplayTexts.English));
        Assert.All(Enum.GetValues<ReturnCaseStatus>(), s => Assert.NotNull(DisplayTexts.Find("StatusNext." + s, DisplayTexts.Chinese)));
    }

    [Fact]
    public void Amount_IsWrittenAsEachLanguageExpects()
    {
        Assert.Equal("¥12,553.98", DisplayTexts.Amount(12553.98m, DisplayTexts.Chinese));
        Assert.Equal("12,553.98 CNY", DisplayTexts.Amount(12553.98m, DisplayTexts.English));
        Assert.Equal("¥0.50", DisplayTexts.Amount(0.5m, CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Time_IsShownInAsiaShanghai()
    {
        Assert.Equal("2026-08-21 07:30", DisplayTexts.Time(new DateTimeOffset(2026, 8, 20, 23, 30, 0, TimeSpan.Zero)));
    }
}
