using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulator's own pages (docs/registries.md, "The simulator"), French first with English beside: the demo people
/// to try, the mail room, the fault switches. Server-rendered HTML, every value encoded, no script and no inline style
/// (a small stylesheet of its own), so that Sesame's Content-Security-Policy holds when Sesame mounts it.
/// </summary>
internal static class SimulatorPages
{
    // Accented letters written as themselves, as on Sesame's own pages; markup characters (< > & ' ") still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; line-height: 1.45; color: #1b1b1b; }
        .simulateur { background: #fff3cd; border: 2px solid #8a6d00; padding: .5rem 1rem; margin: 1rem 0; }
        nav a { margin-right: 1rem; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        th, td { border: 1px solid #8c8c8c; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #e8eef6; }
        ul.preuves { margin: 0; padding-left: 1.1rem; }
        .lettre { border: 1px solid #8c8c8c; padding: .5rem 1rem; margin: 1rem 0; }
        .contenu { font-size: 1.1rem; }
        code { background: #f2f2f2; padding: 0 .2rem; }
        [lang="en"] { color: #4a4a4a; }
        """;

    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("", (HttpRequest request, SimulatorState state) => Home(Base(request, prefix), state));
        group.MapGet("courrier", (HttpRequest request, SimulatorState state) => MailRoom(Base(request, prefix), state));
        group.MapGet("courrier.json", (SimulatorState state) => SimulatorJson.Json(state.Letters));
        group.MapGet("simulateur.css", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(Stylesheet, "text/css; charset=utf-8");
        });

        group.MapGet("pannes", (SimulatorState state) => SimulatorJson.Json(Faults(state)));
        group.MapPost("pannes", async (HttpRequest request, SimulatorState state) =>
        {
            var (body, problem) = await SimulatorJson.ReadAsync<FaultRequest>(request);
            if (problem is not null)
            {
                return SimulatorJson.InvalidRequest(problem);
            }

            if (!FaultNames.TryParseRegistry(body!.Registry, out var registry) || !FaultNames.TryParseMode(body.Mode, out var mode))
            {
                return SimulatorJson.InvalidRequest("registry must be revenu-quebec, ramq or saaq; mode must be none, down, slow or error.");
            }

            state.SetFault(registry, mode);
            return SimulatorJson.Json(new FaultRequest(FaultNames.Of(registry), FaultNames.Of(mode)));
        });
    }

    private static Dictionary<string, string> Faults(SimulatorState state) =>
        Enum.GetValues<SimulatedRegistry>().ToDictionary(FaultNames.Of, r => FaultNames.Of(state.FaultOf(r)), StringComparer.Ordinal);

    private static IResult Home(string root, SimulatorState state)
    {
        var population = state.Population;
        var today = DateOnly.FromDateTime(state.Time.GetUtcNow().UtcDateTime);
        var body = new StringBuilder(16 * 1024);
        body.Append("<h1>Registres simulés <span lang=\"en\">/ Simulated registries</span></h1>");
        body.Append("<p>Revenu Québec, la RAMQ et la SAAQ simulés, pour essayer l'identification de Sesame. ");
        body.Append(CultureInfo.InvariantCulture, $"Ils répondent aux mêmes contrats que les vrais registres, sur {population.People.Count:N0} personnes synthétiques. ");
        body.Append("<span lang=\"en\">Simulated Revenu Québec, RAMQ and SAAQ, to try Sesame's identity proofing. ");
        body.Append(CultureInfo.InvariantCulture, $"They answer the real registries' contracts, over {population.People.Count:N0} synthetic people.</span></p>");

        body.Append("<h2>Personnes à essayer <span lang=\"en\">/ People to try</span></h2>");
        body.Append("<table><caption>Personnes de démonstration, toujours présentes avec les mêmes numéros ");
        body.Append("<span lang=\"en\">/ Demo people, always there with the same numbers</span></caption><thead><tr>");
        foreach (var (french, english) in HomeColumns)
        {
            body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Encode(french)} <span lang=\"en\">/ {Encode(english)}</span></th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var person in DemoPeople.All(population.Year))
        {
            AppendDemoPerson(body, person, population.Year, today);
        }

        body.Append("</tbody></table>");
        body.Append("<p>Les avis de cotisation gardent leur numéro; leur année d'imposition est comptée à partir de l'année en cours. ");
        body.Append("<span lang=\"en\">Notices keep their numbers; their tax year is counted back from the current year.</span></p>");

        body.Append("<h2>Pannes <span lang=\"en\">/ Faults</span></h2>");
        body.Append("<table><caption>État de chaque registre <span lang=\"en\">/ State of each registry</span></caption><thead><tr>");
        body.Append("<th scope=\"col\">Registre <span lang=\"en\">/ Registry</span></th><th scope=\"col\">Panne <span lang=\"en\">/ Fault</span></th>");
        body.Append("</tr></thead><tbody>");
        foreach (var registry in Enum.GetValues<SimulatedRegistry>())
        {
            var mode = state.FaultOf(registry);
            var (french, english) = FaultLabel(mode);
            body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(RegistryLabel(registry))}</th>");
            body.Append(CultureInfo.InvariantCulture, $"<td><code>{registry} : {mode}</code> — {Encode(french)} <span lang=\"en\">/ {Encode(english)}</span></td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append(CultureInfo.InvariantCulture, $"<p>Pour changer <span lang=\"en\">/ To change</span> : <code>POST {Encode(root)}/pannes</code> ");
        body.Append("<code>{\"registry\": \"revenu-quebec | ramq | saaq\", \"mode\": \"none | down | slow | error\"}</code></p>");

        body.Append("<h2>Contrats <span lang=\"en\">/ Contracts</span></h2>");
        body.Append("<p>Décrits dans <code>docs/registries.md</code>; chaque appel porte la clé du registre ");
        body.Append("(<code>Authorization: Bearer …</code>, configuration <code>Simulator:Credentials:RevenuQuebec|Ramq|Saaq</code>). ");
        body.Append("<span lang=\"en\">Described in <code>docs/registries.md</code>; every call carries the registry's key.</span></p><ul>");
        foreach (var path in ContractPaths)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li><code>POST {Encode(root)}/{Encode(path)}</code></li>");
        }

        body.Append("</ul>");
        return Page(root, "Registres simulés", "Simulated registries", body);
    }

    private static readonly (string French, string English)[] HomeColumns =
    [
        ("Personne", "Person"), ("Naissance", "Birth date"), ("NAM", "Health insurance number"), ("NAS", "SIN"),
        ("Avis de cotisation", "Notices of assessment"), ("Carte d'assurance maladie", "Health insurance card"),
        ("Permis (référence)", "Licence (reference)"), ("Preuves", "Proofs"), ("À essayer", "What to try"),
    ];

    private static readonly string[] ContractPaths =
    [
        "revenu-quebec/v1/notice-verifications", "ramq/v1/card-verifications", "ramq/v1/activation-key-verifications",
        "ramq/v1/letters", "saaq/v1/licence-verifications",
    ];

    private static void AppendDemoPerson(StringBuilder body, SyntheticPerson person, int year, DateOnly today)
    {
        var notices = person.Notices.Count == 0
            ? "—"
            : string.Join("<br>", person.Notices.Select(n => string.Create(CultureInfo.InvariantCulture, $"{Encode(n.Number)} ({n.TaxYear})")));
        var card = person.Card;
        var reference = card.ReferenceNumber is { } r
            ? Encode(HealthCardNumbers.DisplayReferenceNumber(r))
            : "— (avant 2018 <span lang=\"en\">/ before 2018</span>)";
        var (whatFrench, whatEnglish) = DemoPeople.WhatToTry(person.Nam);
        body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(person.FullName)}</th>");
        body.Append(CultureInfo.InvariantCulture, $"<td>{person.BirthDate:yyyy-MM-dd}</td><td>{Encode(HealthInsuranceNumber.Display(person.Nam))}</td>");
        body.Append(CultureInfo.InvariantCulture, $"<td>{Encode(SocialInsuranceNumber.Display(person.Nas))}</td><td>{notices}</td>");
        body.Append(CultureInfo.InvariantCulture,
            $"<td>nº séquentiel <span lang=\"en\">/ sequential no.</span> {Encode(card.SequentialNumber)}<br>expiration {HealthCardNumbers.FormatExpiry(card.Expiry)}<br>référence <span lang=\"en\">/ reference</span> {reference}</td>");
        body.Append(CultureInfo.InvariantCulture, $"<td>{(person.LicenceReference is { } licence ? Encode(licence) : "— (aucun <span lang=\"en\">/ none</span>)")}</td>");
        body.Append("<td><ul class=\"preuves\">");
        foreach (var (french, english) in Proofs(person, year, today))
        {
            body.Append(CultureInfo.InvariantCulture, $"<li>{Encode(french)} <span lang=\"en\">/ {Encode(english)}</span></li>");
        }

        body.Append(CultureInfo.InvariantCulture, $"</ul></td><td>{Encode(whatFrench)} <span lang=\"en\">{Encode(whatEnglish)}</span></td></tr>");
    }

    /// <summary>
    /// The proofs a person can give today, worked out from their records the way the registries check them, so the
    /// page cannot disagree with the answers (notice windows: NoticeOfAssessmentNumber.RecentTaxYears and ExtendedTaxYears).
    /// </summary>
    internal static IEnumerable<(string French, string English)> Proofs(SyntheticPerson person, int year, DateOnly today)
    {
        var validCard = person.Card.Expiry >= today;
        if (person.Notices.Any(n => n.TaxYear >= year - NoticeOfAssessmentNumber.RecentTaxYears && n.TaxYear < year))
        {
            yield return ("Avis de cotisation des 2 dernières années", "Notice of assessment of the last 2 years");
        }
        else if (person.Notices.Any(n => n.TaxYear >= year - NoticeOfAssessmentNumber.ExtendedTaxYears && n.TaxYear < year))
        {
            yield return ("Avis de cotisation des 5 dernières années seulement", "Notice of assessment of the last 5 years only");
        }

        if (validCard && person.Card.ReferenceNumber is not null)
        {
            yield return ("Numéro de référence de la carte", "Card reference number");
        }

        if (person.LicenceReference is not null)
        {
            yield return ("Numéro de référence du permis", "Licence reference number");
        }

        if (validCard)
        {
            yield return ("Lettres de la RAMQ : secret postal, clé d'activation", "RAMQ letters: postal secret, activation key");
        }
    }

    private static IResult MailRoom(string root, SimulatorState state)
    {
        var letters = state.Letters;
        var body = new StringBuilder(4 * 1024);
        body.Append("<h1>Courrier envoyé <span lang=\"en\">/ Letters sent</span></h1>");
        body.Append("<p>Les lettres que les registres simulés ont postées aux adresses synthétiques, les plus récentes d'abord. ");
        body.Append("<span lang=\"en\">Letters the simulated registries mailed to the synthetic addresses, newest first.</span> ");
        body.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encode(root)}/courrier.json\">JSON</a></p>");
        if (letters.Count == 0)
        {
            body.Append("<p>Aucune lettre. <span lang=\"en\">No letters.</span></p>");
        }

        foreach (var letter in letters)
        {
            var (french, english) = letter.Kind == MailLetterRequest.PostalSecret
                ? ("Secret d'identification postal", "Postal identification secret")
                : ("Clé d'activation", "Activation key");
            body.Append(CultureInfo.InvariantCulture, $"<article class=\"lettre\"><h2>{Encode(letter.Recipient)}</h2>");
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"adresse\">{Encode(letter.Address)}</p>");
            body.Append(CultureInfo.InvariantCulture,
                $"<p>{letter.SentAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · RAMQ · {Encode(french)} <span lang=\"en\">/ {Encode(english)}</span> (<code>{Encode(letter.Kind)}</code>)</p>");
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"contenu\">{Encode(letter.Content)}</p></article>");
        }

        return Page(root, "Courrier envoyé", "Letters sent", body);
    }

    private static IResult Page(string root, string frenchTitle, string englishTitle, StringBuilder main)
    {
        var html = new StringBuilder(main.Length + 2048);
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Encode(frenchTitle)} / {Encode(englishTitle)} — Simulateur</title>");
        html.Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{Encode(root)}/simulateur.css\"></head><body>");
        html.Append("<header><p class=\"simulateur\"><strong>Simulateur</strong> : ces registres et ces personnes sont synthétiques; ");
        html.Append("aucune personne réelle n'y figure et rien n'est envoyé à un vrai registre. ");
        html.Append("<span lang=\"en\"><strong>Simulator</strong>: these registries and people are synthetic; no real person is listed ");
        html.Append("and nothing goes to a real registry.</span></p>");
        html.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"Simulateur\"><a href=\"{Encode(root)}/\">Personnes à essayer <span lang=\"en\">/ People to try</span></a>");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encode(root)}/courrier\">Courrier envoyé <span lang=\"en\">/ Letters sent</span></a></nav></header>");
        html.Append("<main>").Append(main).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static (string French, string English) FaultLabel(FaultMode mode) => mode switch
    {
        FaultMode.Down => ("en panne : la connexion est coupée sans réponse", "down: the connection is dropped without an answer"),
        FaultMode.Slow => ("lent : répond après le délai configuré", "slow: answers after the configured delay"),
        FaultMode.Error => ("erreur 500", "error 500"),
        _ => ("aucune", "none"),
    };

    private static string RegistryLabel(SimulatedRegistry registry) => registry switch
    {
        SimulatedRegistry.RevenuQuebec => "Revenu Québec",
        SimulatedRegistry.Ramq => "RAMQ",
        _ => "SAAQ",
    };

    /// <summary>Where the simulator's pages are, as the browser sees it: the host's path base, then the mount prefix.</summary>
    private static string Base(HttpRequest request, string prefix) => request.PathBase.Value + prefix;

    private static string Encode(string value) => Encoder.Encode(value);
}
