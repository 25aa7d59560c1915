using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulator's own pages, French first with English beside: the demo people to try, the mail room, the
/// fault switches. Plain server-rendered HTML without scripts or inline styles, so that Sesame's CSP holds.
/// </summary>
internal static class SimulatorPages
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", (SimulatorState state, HttpRequest request) => Html("Registres simulés / Simulated registries", body =>
        {
            body.Append("<h1>Registres simulés <span lang=\"en\">/ Simulated registries</span></h1>");
            body.Append("<p>Revenu Québec, RAMQ et SAAQ simulés, pour essayer Sesame avec des personnes synthétiques : personne réelle n'y figure. ");
            body.Append("<span lang=\"en\">Simulated Revenu Québec, RAMQ and SAAQ, to try Sesame with synthetic people: no real person is listed.</span></p>");
            body.Append(CultureInfo.InvariantCulture, $"<p>{state.Population.People.Count:N0} personnes / people. ");
            body.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encode(request.PathBase + request.Path.Value!.TrimEnd('/'))}/courrier\">Courrier envoyé / Letters sent</a></p>");
            body.Append("<h2>Personnes à essayer <span lang=\"en\">/ People to try</span></h2>");
            body.Append("<table><thead><tr><th scope=\"col\">Nom / Name</th><th scope=\"col\">Naissance / Birth</th><th scope=\"col\">NAM</th><th scope=\"col\">NAS / SIN</th>");
            body.Append("<th scope=\"col\">Avis de cotisation / Notices</th><th scope=\"col\">Carte / Card</th><th scope=\"col\">Permis / Licence</th></tr></thead><tbody>");
            foreach (var person in DemoPeople.All(state.Time.GetUtcNow().Year))
            {
                var notices = person.Notices.Count == 0 ? "—" : string.Join(", ", person.Notices.Select(n => $"{n.Number} ({n.TaxYear})"));
                var card = $"nº séq. {person.Card.SequentialNumber}, exp. {HealthCardNumbers.FormatExpiry(person.Card.Expiry)}, réf. "
                    + (person.Card.ReferenceNumber is { } r ? HealthCardNumbers.DisplayReferenceNumber(r) : "— (avant 2018)");
                body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(person.GivenNames)} {Encode(person.FamilyName)}</th>");
                body.Append(CultureInfo.InvariantCulture, $"<td>{person.BirthDate:yyyy-MM-dd}</td><td>{Encode(HealthInsuranceNumber.Display(person.Nam))}</td>");
                body.Append(CultureInfo.InvariantCulture, $"<td>{Encode(SocialInsuranceNumber.Display(person.Nas))}</td><td>{Encode(notices)}</td>");
                body.Append(CultureInfo.InvariantCulture, $"<td>{Encode(card)}</td><td>{Encode(person.LicenceReference ?? "—")}</td></tr>");
            }

            body.Append("</tbody></table>");
            body.Append("<h2>Pannes <span lang=\"en\">/ Faults</span></h2><ul>");
            foreach (var registry in Enum.GetValues<SimulatedRegistry>())
            {
                body.Append(CultureInfo.InvariantCulture, $"<li>{registry} : {state.FaultOf(registry)}</li>");
            }

            body.Append("</ul><p>POST <code>pannes</code> {\"registry\":\"ramq\",\"mode\":\"down|slow|error|none\"}</p>");
        }));

        group.MapGet("courrier", (SimulatorState state) => Html("Courrier envoyé / Letters sent", body =>
        {
            body.Append("<h1>Courrier envoyé <span lang=\"en\">/ Letters sent</span></h1>");
            body.Append("<p>Les lettres que les registres simulés ont postées, les plus récentes d'abord. ");
            body.Append("<span lang=\"en\">Letters the simulated registries mailed, newest first.</span></p>");
            if (state.Letters.Count == 0)
            {
                body.Append("<p>Aucune lettre. <span lang=\"en\">No letters.</span></p>");
            }

            foreach (var letter in state.Letters)
            {
                body.Append(CultureInfo.InvariantCulture, $"<article class=\"lettre\"><h2>{Encode(letter.Recipient)}</h2>");
                body.Append(CultureInfo.InvariantCulture, $"<p>{Encode(letter.Address)}</p><p>{letter.SentAt:yyyy-MM-dd HH:mm} UTC · {Encode(letter.Kind)}</p>");
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"contenu\">{Encode(letter.Content)}</p></article>");
            }
        }));

        group.MapGet("courrier.json", (SimulatorState state) => Results.Ok(state.Letters));

        group.MapPost("pannes", (FaultRequest request, SimulatorState state) =>
        {
            if (!Enum.TryParse<SimulatedRegistry>(request.Registry?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var registry)
                || !Enum.TryParse<FaultMode>(request.Mode, ignoreCase: true, out var mode))
            {
                return Results.BadRequest(new { error = "invalid_request", detail = "registry: revenu-quebec|ramq|saaq; mode: none|down|slow|error." });
            }

            state.SetFault(registry, mode);
            return Results.Ok(new { registry = registry.ToString(), mode = mode.ToString() });
        });
    }

    private static IResult Html(string title, Action<StringBuilder> write)
    {
        var body = new StringBuilder();
        write(body);
        return Results.Content(
            $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><main>{body}</main></body></html>",
            "text/html; charset=utf-8");
    }

    // Accented letters written as themselves, as on Sesame's own pages.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string value) => Encoder.Encode(value);

    private sealed record FaultRequest(string? Registry, string? Mode);
}
