using ExportTaxCheck.Returns.RefundDeclarations;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.RefundDeclarations;

public class RefundLockRulesTests
{
    [Fact]
    public void Split_W02LockOf500On2000_AClaimOf1500IsAcceptedWhole()
    {
        var split = RefundLockRules.Split(2000m, 0m, 500m, 1500m);

        Assert.Equal((1500m, 0m, 1500m), (split.AcceptedQty, split.RefusedQty, split.MaxRefundableQty));
        Assert.Empty(split.Codes);
    }

    [Fact]
    public void Split_ClaimIntoTheLock_AcceptsTheFreePart_RefusesTheLockedPart()
    {
        var split = RefundLockRules.Split(2000m, 0m, 500m, 1800m);

        Assert.Equal((1500m, 300m), (split.AcceptedQty, split.RefusedQty));
        Assert.Equal([ReasonCodes.RefundLockedByCertificate], split.Codes);
    }

    [Fact]
    public void Split_EarlierRefundsCount_TheBoundIsExportedLessLockedLessRefunded()
    {
        var split = RefundLockRules.Split(2000m, 1000m, 500m, 600m);

        Assert.Equal((500m, 100m, 500m), (split.AcceptedQty, split.RefusedQty, split.MaxRefundableQty));
        Assert.Equal([ReasonCodes.RefundLockedByCertificate], split.Codes);
    }

    [Fact]
    public void Split_BeyondTheExportedQuantity_WithoutALock_IsRefundQtyExceedsExported()
    {
        var split = RefundLockRules.Split(2000m, 0m, 0m, 2100m);

        Assert.Equal((2000m, 100m), (split.AcceptedQty, split.RefusedQty));
        Assert.Equal([ReasonCodes.RefundQtyExceedsExported], split.Codes);
    }

    [Fact]
    public void Split_BeyondBoth_NamesBoth()
    {
        var split = RefundLockRules.Split(2000m, 0m, 500m, 2500m);

        Assert.Equal((1500m, 1000m), (split.AcceptedQty, split.RefusedQty));
        Assert.Equal([ReasonCodes.RefundLockedByCertificate, ReasonCodes.RefundQtyExceedsExported], split.Codes);
    }

    [Fact]
    public void Split_EverythingLocked_RefusesWhole()
    {
        var split = RefundLockRules.Split(500m, 0m, 500m, 1m);

        Assert.Equal((0m, 1m, 0m), (split.AcceptedQty, split.RefusedQty, split.MaxRefundableQty));
        Assert.Equal([ReasonCodes.RefundLockedByCertificate], split.Codes);
    }

    [Theory]
    [InlineData("23400.00", "1500", "1800", "19500.00")]
    [InlineData("1000.00", "1", "3", "333.33")]
    [InlineData("1000.00", "2", "3", "666.67")]
    [InlineData("0.05", "1", "2", "0.03")]
    [InlineData("500.00", "0", "2", "0")]
    public void Prorate_RoundsHalfAwayFromZero_C01(string amount, string accepted, string claimed, string expected)
    {
        Assert.Equal(Dec(expected), RefundLockRules.Prorate(Dec(amount), Dec(accepted), Dec(claimed)));
    }

    [Fact]
    public void Apply_HwcPreRefund_IsRefundedForTheLine_A14_AndAddsUp()
    {
        var first = RefundLockRules.Apply(new RefundSnapshot { RefundRate = 0.13m }, RefundKind.PreRefundHwc, 1000m, 13000m, 0m);
        var second = RefundLockRules.Apply(first, RefundKind.Refund, 500m, 6500m, 10m);

        Assert.Equal((RefundStatus.PreRefundedHwc, 1000m, 13000m), (first.Status, first.RefundedQty!.Value, first.VatRefunded));
        Assert.Equal((RefundStatus.Refunded, 1500m, 19500m, 10m), (second.Status, second.RefundedQty!.Value, second.VatRefunded, second.CtRefunded));
        Assert.True(first.IsRefunded);
        Assert.Same(first, RefundLockRules.Apply(first, RefundKind.Credit, 0m, 0m, 0m));
    }

    [Fact]
    public void AlreadyRefunded_ARecordWithoutAQuantityCountsTheWholeLine()
    {
        Assert.Equal(2000m, RefundLockRules.AlreadyRefundedQty(new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 1m }, 2000m));
        Assert.Equal(0m, RefundLockRules.AlreadyRefundedQty(new RefundSnapshot(), 2000m));
        Assert.Equal(700m, RefundLockRules.AlreadyRefundedQty(new RefundSnapshot { Status = RefundStatus.Refunded, RefundedQty = 700m }, 2000m));
    }

    [Fact]
    public void ProcessesRefund_OnlyMoreRefundGoesThroughTheLock()
    {
        var none = new RefundSnapshot();
        var refunded = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 100m, RefundedQty = 10m };

        Assert.True(RefundLockRules.ProcessesRefund(none, refunded));
        Assert.True(RefundLockRules.ProcessesRefund(refunded, refunded with { VatRefunded = 150m }));
        Assert.True(RefundLockRules.ProcessesRefund(refunded, refunded with { RefundedQty = null }));
        Assert.False(RefundLockRules.ProcessesRefund(refunded, refunded));
        Assert.False(RefundLockRules.ProcessesRefund(refunded, none));
        Assert.False(RefundLockRules.ProcessesRefund(none, none with { Status = RefundStatus.DeclaredPending }));
    }

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
