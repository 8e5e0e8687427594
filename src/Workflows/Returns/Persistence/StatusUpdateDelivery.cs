namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Where a status update to customs stands (recorded like a transmission, §5.7).</summary>
public enum StatusUpdateDelivery
{
    Pending,
    Delivered,

    /// <summary>Customs refused the message itself (NACK); sending it again will not help.</summary>
    Failed,
}
