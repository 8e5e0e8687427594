using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.CustomsGateway;

public class CustomsCertificateTests
{
    private const string D1 = ReturnDeclarationNo;
    private const string D2 = "530020261000765433";
    private static readonly DateTimeOffset Now = CheckedAt;

    private static CustomsCertificate Transmitted() =>
        new CustomsCertificate().Receive(Certificate(), new Dictionary<int, RefundStatus> { [1] = RefundStatus.NotDeclared });

    private static CertificateStatusUpdate Refunded(long sequence, Guid? messageId = null) => new()
    {
        MessageId = messageId ?? Guid.NewGuid(),
        CertificateNo = C1,
        Sequence = sequence,
        Kind = StatusUpdateKind.RefundStatus,
        RefundStatus = new Dictionary<int, RefundStatus> { [1] = RefundStatus.Refunded },
    };

    private static CertificateStatusUpdate Cancellation(long sequence, string? releasesReservationFor = null) => new()
    {
        MessageId = Guid.NewGuid(),
        CertificateNo = C1,
        Sequence = sequence,
        Kind = StatusUpdateKind.Cancellation,
        ReleasesReservationFor = releasesReservationFor,
    };

    private static UsageFeedback Use(string declarationNo, UsageEvent usageEvent = UsageEvent.Used, Channel channel = Channel.Electronic) => new()
    {
        CertificateNo = C1,
        ReturnDeclarationNo = declarationNo,
        CustomsCode = "5300",
        ReleasedOn = new DateOnly(2026, 8, 21),
        Channel = channel,
        UsedLines = [],
        Event = usageEvent,
    };

    [Fact]
    public void Reserve_A20_BindsToTheFirstDeclarationAndRefusesAnother()
    {
        var (reserved, refusal) = Transmitted().Reserve(D1);

        Assert.Null(refusal);
        Assert.Equal((CustomsCertificateStatus.Reserved, D1), (reserved.Status, reserved.ReservedForDeclarationNo));
        Assert.Same(reserved, reserved.Reserve(D1).Next);
        Assert.Equal(ReasonCodes.CertBoundToOtherDeclaration, reserved.Reserve(D2).Refusal);
        Assert.Equal(CertificateStatus.Reserved, reserved.AsChecked()!.Status);
    }

    [Fact]
    public void Reserve_UsedOrCancelled_RefusedWithTheX02Code()
    {
        var used = Transmitted().RecordUse(Use(D1), Now).Next;
        var cancelled = Transmitted().Apply(Cancellation(1)).Next;

        Assert.Equal(ReasonCodes.CertAlreadyUsed, used.Reserve(D2).Refusal);
        Assert.Equal(ReasonCodes.CertCancelled, cancelled.Reserve(D2).Refusal);
    }

    [Fact]
    public void Apply_X09RefundOnAReservedNotRefundedCertificate_VoidsTheReservation()
    {
        var reserved = Transmitted().Reserve(D1).Next;

        var (next, ack) = reserved.Apply(Refunded(1));

        Assert.Equal((CustomsCertificateStatus.Transmitted, (string?)null), (next.Status, next.ReservedForDeclarationNo));
        Assert.Equal(RefundStatus.Refunded, next.RefundStatus[1]);
        Assert.Equal((true, ReasonCodes.VariantStatusInconsistent, D1), (ack.Accepted, ack.Code, ack.VoidedReservationFor));
    }

    [Fact]
    public void Apply_SameMessageOrOlderSequence_AppliedOnce()
    {
        var id = Guid.NewGuid();
        var first = Transmitted().Apply(Refunded(2, id)).Next;

        var resent = first.Apply(Refunded(2, id));
        var older = first.Apply(Refunded(1) with { RefundStatus = new Dictionary<int, RefundStatus> { [1] = RefundStatus.NotDeclared } });

        Assert.Same(first, resent.Next);
        Assert.True(resent.Ack.Accepted);
        Assert.Same(first, older.Next);
        Assert.Equal(RefundStatus.Refunded, older.Next.RefundStatus[1]);
    }

    [Fact]
    public void Receive_AfterAPush_KeepsThePushedRefundStatus()
    {
        var pushed = Transmitted().Apply(Refunded(1)).Next;

        var retransmitted = pushed.Receive(Certificate(), new Dictionary<int, RefundStatus> { [1] = RefundStatus.NotDeclared });

        Assert.Equal(RefundStatus.Refunded, retransmitted.RefundStatus[1]);
    }

    [Fact]
    public void Apply_E19CancellationOfReservedOrUsed_Refused()
    {
        var reserved = Transmitted().Reserve(D1).Next;
        var used = Transmitted().RecordUse(Use(D1), Now).Next;

        Assert.Equal((false, ReasonCodes.CertReserved), (reserved.Apply(Cancellation(1)).Ack.Accepted, reserved.Apply(Cancellation(1)).Ack.Code));
        Assert.Equal(ReasonCodes.CertAlreadyUsed, used.Apply(Cancellation(1)).Ack.Code);
        Assert.Equal(CustomsCertificateStatus.Used, used.Apply(Cancellation(1)).Next.Status);
    }

    [Fact]
    public void Apply_CancellationAfterWithdrawal_ReleasesTheOwnReservationFirst()
    {
        var reserved = Transmitted().Reserve(D1).Next;

        var (next, ack) = reserved.Apply(Cancellation(1, releasesReservationFor: D1));
        var otherDeclaration = reserved.Apply(Cancellation(1, releasesReservationFor: D2));

        Assert.True(ack.Accepted);
        Assert.Equal(CustomsCertificateStatus.Cancelled, next.Status);
        Assert.Equal(ReasonCodes.CertReserved, otherDeclaration.Ack.Code);
    }

    [Fact]
    public void RecordUse_ReleaseOfTheBoundDeclaration_UsesItOnce()
    {
        var reserved = Transmitted().Reserve(D1).Next;

        var (used, receipt) = reserved.RecordUse(Use(D1), Now);
        var again = used.RecordUse(Use(D1), Now);

        Assert.Equal(CustomsCertificateStatus.Used, used.Status);
        Assert.False(receipt.DoubleUseDetected);
        Assert.Same(used, again.Next);
        Assert.Single(used.Uses);
    }

    [Fact]
    public void RecordUse_PaperUseWhileReservedForAnother_IsADoubleUseAndBothUsesAreKept()
    {
        var reserved = Transmitted().Reserve(D1).Next;

        var (next, receipt) = reserved.RecordUse(Use(D2, channel: Channel.Paper), Now);

        Assert.Equal((true, D1, ReasonCodes.DoubleUseDetected), (receipt.DoubleUseDetected, receipt.OtherDeclarationNo, receipt.Conflict));
        Assert.Equal((CustomsCertificateStatus.Reserved, D1), (next.Status, next.ReservedForDeclarationNo));
        var bound = next.RecordUse(Use(D1), Now);
        Assert.Equal((CustomsCertificateStatus.Used, D1), (bound.Next.Status, bound.Next.ReservedForDeclarationNo));
        Assert.Equal([D2, D1], bound.Next.Uses.Select(u => u.ReturnDeclarationNo));
        Assert.True(bound.Receipt.DoubleUseDetected);
    }

    [Fact]
    public void RecordUse_SecondReleaseAfterUse_IsADoubleUse()
    {
        var used = Transmitted().RecordUse(Use(D1, channel: Channel.Paper), Now).Next;

        var (next, receipt) = used.RecordUse(Use(D2), Now);

        Assert.Equal((true, D1), (receipt.DoubleUseDetected, receipt.OtherDeclarationNo));
        Assert.Equal(D1, next.ReservedForDeclarationNo);
        Assert.Equal(2, next.Uses.Count);
    }

    [Fact]
    public void RecordUse_OfACancelledCertificate_ReportsCertCancelled()
    {
        var cancelled = Transmitted().Apply(Cancellation(1)).Next;

        var (next, receipt) = cancelled.RecordUse(Use(D1), Now);

        Assert.Equal((false, ReasonCodes.CertCancelled), (receipt.DoubleUseDetected, receipt.Conflict));
        Assert.Equal(CustomsCertificateStatus.Cancelled, next.Status);
    }

    [Fact]
    public void RecordUse_ReservationReleased_AS12_FreesOnlyItsOwnReservation()
    {
        var reserved = Transmitted().Reserve(D1).Next;

        Assert.Equal(CustomsCertificateStatus.Transmitted, reserved.RecordUse(Use(D1, UsageEvent.ReservationReleased), Now).Next.Status);
        Assert.Same(reserved, reserved.RecordUse(Use(D2, UsageEvent.ReservationReleased), Now).Next);
    }
}
