using System.Text;

namespace ExportTaxCheck.Host.Tests.Api;

public sealed partial class BadRequestGenerator
{
    /// <summary>The officer pages' form posts: unknown and spent tasks, values the handlers refuse, missing and wrong antiforgery tokens.</summary>
    private IEnumerable<Probe> PageProbes(EndpointShape endpoint)
    {
        if (!endpoint.IsPage)
            yield break;
        var s = seeded;
        var hasId = endpoint.RouteParameters.Contains("id");
        // The case page's id is a case: the open one, and one that ended in place of a spent task.
        var isCase = endpoint.Pattern.StartsWith("/cases/", StringComparison.Ordinal);
        var (openId, spentId) = isCase ? (s.OpenCase, s.ClosedCase) : (s.OpenHumanTask, s.SpentHumanTask);
        var token = endpoint.Caller == Caller.TaxPages ? s.TaxPageToken : s.PageToken;
        foreach (var handler in endpoint.PostHandlers)
        {
            var query = handler.Length == 0 ? "" : "?handler=" + handler;
            var open = hasId ? Url(endpoint, "id", Uri.EscapeDataString(openId)) + query : Url(endpoint) + query;
            var spent = hasId ? Url(endpoint, "id", Uri.EscapeDataString(spentId)) + query : Url(endpoint) + query;
            var forms = new List<(string Url, (string, string)[] Fields, string What)>();
            if (hasId)
            {
                foreach (var unknown in AlwaysUnknown.Concat(UnknownIds.OrderBy(_ => random.Next()).Take(3)))
                    forms.Add((Url(endpoint, "id", unknown) + query, [], $"unknown {(isCase ? "case" : "task")} '{Short(unknown)}'"));
            }
            switch (handler)
            {
                case "Hold":
                    forms.Add((open, [("reason", "")], "hold without a reason"));
                    forms.Add((open, [("reason", new string('r', 1001))], "hold with a reason of 1001 characters"));
                    forms.Add((spent, [("reason", "probe")], "hold a case that ended"));
                    break;
                case "Release" when isCase:
                    forms.Add((open, [], "release a case not on hold (and not a supervisor)"));
                    forms.Add((spent, [("comment", new string('c', 1001))], "release an ended case with a comment of 1001 characters"));
                    break;
                case "" when endpoint.Pattern == "/refunds":
                    var line = GeneratedBadInputTests.SeededHost.RefundDeclaration;
                    forms.Add((open, [], "empty refund declaration"));
                    forms.Add((open, [("exportDocNo", line), ("exportItemNo", "1"), ("qty", "abc")], "quantity not a number"));
                    forms.Add((open, [("exportDocNo", line), ("exportItemNo", "1"), ("qty", "1e30")], "quantity with an exponent"));
                    forms.Add((open, [("exportDocNo", line), ("exportItemNo", "2147483648"), ("qty", "1")], "item number beyond int"));
                    forms.Add((open, [("exportDocNo", line), ("exportItemNo", "1"), ("qty", "-1")], "negative quantity"));
                    forms.Add((open, [("exportDocNo", line), ("exportItemNo", "1"), ("qty", "1"), ("vatRefunded", "0.001")], "amount with three decimals"));
                    forms.Add((open, [("exportDocNo", "530020269999999999"), ("exportItemNo", "1"), ("qty", "1")], "export line not in the reference data"));
                    forms.Add((open, [("exportDocNo", new string('d', 5000)), ("exportItemNo", "1"), ("qty", "1")], "export number of 5000 characters"));
                    break;
                case "Complete":
                    forms.Add((spent, [("outcome", "Accept")], "complete a completed task"));
                    forms.Add((open, [("outcome", "")], "no outcome"));
                    forms.Add((open, [("outcome", "NoSuchOutcome")], "unknown outcome"));
                    forms.Add((open, [("outcome", "Reject")], "Reject without reasons"));
                    forms.Add((open, [("outcome", new string('o', 5000))], "outcome of 5000 characters"));
                    forms.Add((open, [("outcome", "Reject"), ("data.reasons", ""), ("idempotencyKey", new string('k', 400))], "key of 400 characters"));
                    forms.Add((open, [("outcome", "Accept"), ("comment", "a\0b")], "comment with a NUL character"));
                    break;
                case "Claim" when hasId:
                    forms.Add((spent, [], "claim a completed task"));
                    break;
                case "Claim":
                    forms.Add((open, [("taskId", "no-such-task"), ("tab", "mine")], "claim an unknown task"));
                    forms.Add((open, [("taskId", s.SpentHumanTask), ("tab", new string('t', 3000))], "claim a completed task"));
                    forms.Add((open, [("taskId", "")], "claim without a task id"));
                    break;
                case "Release":
                    forms.Add((spent, [], "release a completed task"));
                    forms.Add((open, [], "release a task nobody holds"));
                    break;
                case "Assign":
                    forms.Add((spent, [("assignee", "customs.officer")], "assign a completed task"));
                    forms.Add((open, [("assignee", "")], "no assignee"));
                    forms.Add((open, [("assignee", "nobody")], "unknown assignee"));
                    forms.Add((open, [("assignee", "tax.officer")], "assignee of another role"));
                    forms.Add((open, [("assignee", new string('a', 5000))], "assignee of 5000 characters"));
                    break;
                case "FollowUp":
                    forms.Add((spent, [("followUp", "2026-08-03")], "follow-up on a completed task"));
                    forms.Add((open, [("followUp", "2026-13-45")], "impossible date"));
                    forms.Add((open, [("followUp", "tomorrow")], "not a date"));
                    forms.Add((open, [("followUp", "2026-08-03")], "follow-up on a task not held"));
                    break;
                case "Comment":
                    forms.Add((open, [("text", "")], "empty comment"));
                    forms.Add((open, [("text", "   ")], "blank comment"));
                    forms.Add((open, [("text", new string('c', 4001))], "comment of 4001 characters"));
                    forms.Add((open, [("text", "a\0b")], "comment with a NUL character"));
                    break;
                case "Retry":
                    forms.Add((open, [("id", "no-such-message")], "retry an unknown message"));
                    forms.Add((open, [("id", s.SentMessageId)], "retry a sent message"));
                    forms.Add((open, [("id", "")], "retry without an id"));
                    break;
                case "" when endpoint.Pattern == "/signin":
                    forms.Add((open, [("userName", ""), ("password", "")], "empty sign-in"));
                    forms.Add((open, [("userName", "nobody"), ("password", "x"), ("returnUrl", "http://evil.example/")], "unknown user"));
                    forms.Add((open, [("userName", new string('u', 20_000)), ("password", "x")], "user name of 20,000 characters"));
                    forms.Add((open, [("userName", "customs.officer"), ("password", "")], "no password"));
                    break;
            }

            foreach (var (url, fields, what) in forms)
                yield return PagePost(endpoint, url, fields, token, what);
            // Without a valid antiforgery token nothing is done, even with a valid request (here: claiming the open task).
            var valid = handler switch
            {
                "Claim" when hasId => (open, Array.Empty<(string, string)>()),
                "Claim" => (open, [("taskId", s.OpenHumanTask)]),
                "Comment" => (open, [("text", "a comment")]),
                "Complete" => (open, [("outcome", "Accept")]),
                "Hold" => (open, [("reason", "probe")]),
                "" when endpoint.Pattern == "/refunds" => (open, [("exportDocNo", GeneratedBadInputTests.SeededHost.RefundDeclaration), ("exportItemNo", "1"), ("qty", "1"), ("vatRefunded", "13.00")]),
                _ => (open, Array.Empty<(string, string)>()),
            };
            yield return PagePost(endpoint, valid.Item1, valid.Item2, token: null, "no antiforgery token");
            yield return PagePost(endpoint, valid.Item1, valid.Item2, token: "CfDJ8-not-a-token", "wrong antiforgery token");
        }
        if (endpoint.PostHandlers.Count > 0)
            yield return PagePost(endpoint, Url(endpoint, "id", Uri.EscapeDataString(openId)) + "?handler=NoSuchHandler", [], token, "unknown handler");
    }

    private Probe PagePost(EndpointShape endpoint, string url, (string Name, string Value)[] fields, string? token, string what)
    {
        var all = token is null ? fields : [.. fields, ("__RequestVerificationToken", token)];
        var body = string.Join("&", all.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        return new Probe("pages", "POST", url, endpoint.Caller, "POST " + endpoint.Pattern)
        {
            Body = Encoding.UTF8.GetBytes(body),
            ContentType = "application/x-www-form-urlencoded",
            IsApi = false,
            MustBeRefused = true,
            What = what,
        };
    }
}
