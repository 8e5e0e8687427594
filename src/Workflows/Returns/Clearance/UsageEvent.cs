namespace ExportTaxCheck.Returns.Clearance;

public enum UsageEvent
{
    Used,
    ReservationReleased,
}
