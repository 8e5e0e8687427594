using System.Text;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Tests.Support;

public static class HttpJson
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty body");
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient client, string url, JsonNode body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var json = await response.ReadJsonAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from POST {url}: {json.ToJsonString()}", null, response.StatusCode);
        return json;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var json = await response.ReadJsonAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from GET {url}: {json.ToJsonString()}", null, response.StatusCode);
        return json;
    }
}
