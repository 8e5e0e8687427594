using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Certificates;

public class CertificateRegistryTests
{
    private static readonly ExportLineKey Item1 = new(ExportDeclarationNo, 1);
    private static readonly DateTimeOffset IssuedAt = new(2026, 8, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private static CrossCheckResult Check(Certificate? certificate, ReturnDeclaration declaration) =>
        CrossCheckRules.Evaluate(certificate, declaration, new Dictionary<int, RefundStatus> { [1] = RefundStatus.NotDeclared }, false,
            ReturnsDomainOptions.Default, Guid.NewGuid(), CheckedAt);

    [Fact]
    public void LockedQty_W02NotRefundedFor500Of2000_RefundClaimsCappedAt1500()
    {
        var registry = new CertificateRegistry([Certificate()]);

        Assert.Equal(500m, registry.LockedQty(Item1));
        Assert.Equal(1_500m, registry.MaxRefundableQty(Item1, 2_000m));
        Assert.Equal([C1], registry.UnusedNotRefundedOn(Item1).Select(c => c.CertificateNo));
    }

    [Fact]
    public void Reserve_AS01Match_ThenUsedOnRelease()
    {
        var registry = new CertificateRegistry([Certificate()]);

        var reserved = registry.Reserve(C1, ReturnDeclarationNo);
        var used = reserved.Registry.MarkUsed(C1, ReturnDeclarationNo, new DateOnly(2026, 8, 22), Channel.Electronic);

        Assert.Equal(CertificateStatus.Reserved, reserved.Certificate!.Status);
        Assert.Equal(CertificateStatus.Used, used.Certificate!.Status);
        Assert.Equal(new DateOnly(2026, 8, 22), used.Certificate.UsedOn);
        Assert.Equal(Channel.Electronic, used.Certificate.UsedChannel);
    }

    [Fact]
    public void ReleaseReservation_AS12ExemptionRefused_BackToTransmittedAndCancellable()
    {
        var reserved = new CertificateRegistry([Certificate()]).Reserve(C1, ReturnDeclarationNo).Registry;

        var released = reserved.ReleaseReservation(C1, ReturnDeclarationNo);

        Assert.True(released.Succeeded);
        Assert.Equal(CertificateStatus.Transmitted, released.Certificate!.Status);
        Assert.Null(released.Certificate.ReservedForDeclarationNo);
        Assert.Null(released.Certificate.CheckCancelOrReissue());
    }

    [Fact]
    public void Cancel_E19Reserved_CertReserved()
    {
        var reserved = new CertificateRegistry([Certificate()]).Reserve(C1, ReturnDeclarationNo).Registry;

        Assert.Equal(ReasonCodes.CertReserved, reserved.Cancel(C1).RefusalCode);
    }

    [Fact]
    public void CancelAndReapply_AS14QtyMismatch_C2For480MatchesAndMovesLock()
    {
        var registry = new CertificateRegistry([Certificate()]);
        var declaration = Declaration(DeclarationLine(qty: 480m));

        var firstCheck = Check(registry.Find(C1), declaration);
        var cancelled = registry.Cancel(C1);

        Assert.Equal(new CrossCheckReason(ReasonCodes.QtyMismatch, 1, "500", "480"), Assert.Single(firstCheck.Reasons));
        Assert.Equal(CertificateStatus.Cancelled, cancelled.Certificate!.Status);
        Assert.Equal(0m, cancelled.Registry.LockedQty(Item1));

        var applicationId = Guid.NewGuid();
        var application = Certificate(certificateNo: C2, returnedQty: 480m, status: CertificateStatus.Applied, applicationId: applicationId) with { CertificateNo = null, IssuedOn = null, TransmittedAt = null };
        var sourceLine = Line(returnedQty: 480m);
        var errors = CertificateSelfCheck.Run(application, [sourceLine], ReturnsDomainOptions.Default);
        var submitted = cancelled.Registry.Submit(application).Registry.CompleteSelfCheck(applicationId, errors);
        var issued = submitted.Registry.Issue(applicationId, C2, new DateOnly(2026, 8, 25), IssuedAt, [sourceLine]);
        var transmitted = issued.Registry.MarkTransmitted(C2, IssuedAt.AddMinutes(5));

        Assert.Empty(errors);
        Assert.True(issued.Succeeded);
        Assert.Equal(480m, transmitted.Registry.LockedQty(Item1));

        var recheck = Check(transmitted.Registry.Find(C2), declaration with { CertificateNo = C2, DeclarationDate = new DateOnly(2026, 8, 26) });

        Assert.Equal(CrossCheckOutcome.Matched, recheck.Result);
        Assert.Empty(recheck.Reasons);
    }

    [Fact]
    public void Issue_AS14SecondCertificateBeyondUncertifiedQty_Refused()
    {
        var applicationId = Guid.NewGuid();
        var application = Certificate(certificateNo: C2, returnedQty: 1_600m, status: CertificateStatus.UnderReview, applicationId: applicationId) with { CertificateNo = null };
        var registry = new CertificateRegistry([Certificate(), application]);

        var issued = registry.Issue(applicationId, C2, new DateOnly(2026, 8, 25), IssuedAt, [Line(returnedQty: 1_600m)]);

        Assert.Equal([ReasonCodes.CertQtyExceedsUncertified], issued.RefusalCodes);
    }

    [Fact]
    public void CancelAndReissue_AS15UsedCertificate_CertAlreadyUsed()
    {
        var c3 = Certificate(status: CertificateStatus.Used) with { ReservedForDeclarationNo = ReturnDeclarationNo, UsedOn = new DateOnly(2026, 8, 22) };
        var registry = new CertificateRegistry([c3]);

        var cancel = registry.Cancel(C1);
        var reissue = registry.Reissue(C1, Guid.NewGuid(), C2, new DateOnly(2026, 8, 25), IssuedAt);

        Assert.Equal([ReasonCodes.CertAlreadyUsed], cancel.RefusalCodes);
        Assert.Equal([ReasonCodes.CertAlreadyUsed], reissue.RefusalCodes);
        Assert.Equal(CertificateStatus.Used, registry.Find(C1)!.Status);
    }

    [Fact]
    public void MarkUsed_AS16PaperAfterNetworkFailure_UsedWithPaperChannel()
    {
        var c4 = Certificate(certificateNo: "BTZM-14403000000-2026-000874", returnedQty: 300m, variant: CertificateVariant.TaxPaid, refundStatus: CertificateRefundStatus.Repaid);
        var registry = new CertificateRegistry([c4]);
        var unavailable = CrossCheckResult.Unavailable(Guid.NewGuid(), c4.CertificateNo!, ReturnDeclarationNo, CheckedAt, UnavailableCause.NetworkFailure);

        var paperAllowed = CrossCheckRules.CheckPaperAllowed(unavailable, transmissionFailedInfrastructure: false);
        // The paper check reserves nothing (offline, E-18): tax registers the use when the usage report arrives.
        var used = registry.RegisterUse(c4.CertificateNo!, ReturnDeclarationNo, new DateOnly(2026, 8, 22), Channel.Paper);
        var again = used.Registry.RegisterUse(c4.CertificateNo!, ReturnDeclarationNo, new DateOnly(2026, 8, 22), Channel.Paper);
        var elsewhere = used.Registry.RegisterUse(c4.CertificateNo!, "530020261000000001", new DateOnly(2026, 8, 23), Channel.Electronic);

        Assert.Null(paperAllowed);
        Assert.Equal(CertificateStatus.Used, used.Certificate!.Status);
        Assert.Equal(Channel.Paper, used.Certificate.UsedChannel);
        Assert.True(again.Succeeded);
        Assert.Equal([ReasonCodes.DoubleUseDetected], elsewhere.RefusalCodes);
    }
}
