using System.Text;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// A request body and what is wrong with it. <see cref="MayBeAccepted"/>: an endpoint may legitimately take it (an empty
/// or null body where the fields are optional, JSON without a content type as curl sends it, a changed field it ignores).
/// </summary>
public sealed record BadBody(string What, byte[] Bytes, string? ContentType = "application/json", bool MayBeAccepted = false)
{
    public BadBody(string what, string text, string? contentType = "application/json", bool mayBeAccepted = false)
        : this(what, Encoding.UTF8.GetBytes(text), contentType, mayBeAccepted)
    {
    }
}
