namespace ExportTaxCheck.Returns.Certificates;

public enum AckStatus
{
    Ack,
    Nack,
    Timeout,
}
