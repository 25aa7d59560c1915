using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RendezVousSante.Pages;

/// <summary>
/// "Ma clinique", for a person signed in through Sesame: the clinics Sesame says this service is granted to them
/// in (claim <c>organizations</c>), whether they are an employee there, and, for the clinic's local administrator,
/// seed 004's "Ajouter un employé" by RAMQ username through Sesame's directory.
/// </summary>
public sealed class CliniqueModel(Roster roster, SesameDirectory directory) : PageModel
{
    public sealed record Clinic(string Code, string Name, bool Administrator, bool Employee, IReadOnlyList<Employee> Staff);

    public IReadOnlyList<Clinic> Clinics { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    private string IdentificationCode => User.FindFirst("sub")?.Value ?? "";

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAddAsync(string? organization, string? username, CancellationToken cancellationToken)
    {
        var mine = Organizations();
        if (organization is null || !mine.ContainsKey(organization) || !roster.Administers(organization, IdentificationCode))
        {
            return Forbid();
        }

        var found = await directory.FindAsync(username?.Trim() ?? "", cancellationToken);
        if (found.Entry is { } entry && entry.Organizations.ContainsKey(organization))
        {
            roster.Add(organization, new Employee(entry.Subject, entry.Title, entry.GivenName, entry.FamilyName, DateTimeOffset.UtcNow));
            Message = $"{entry.GivenName} {entry.FamilyName} a été ajouté(e) comme employé(e) de {mine[organization]}.";
        }
        else
        {
            Failed = true;
            Message = found.Status switch
            {
                HttpStatusCode.OK => "Cette personne n'est pas inscrite à Rendez-vous santé Québec dans votre clinique.",
                HttpStatusCode.NotFound => "Aucun professionnel inscrit à Rendez-vous santé Québec ne porte ce nom d'utilisateur.",
                HttpStatusCode.BadRequest => found.Message ?? "Le nom d'utilisateur est invalide.",
                _ => "L'annuaire de Sesame ne répond pas pour le moment. Veuillez réessayer.",
            };
        }

        Load();
        return Failed ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : Page();
    }

    /// <summary>Signs out here and at Sesame (RP-initiated logout, with the id_token as id_token_hint).</summary>
    public IActionResult OnPostSignOut() => SignOut(
        new AuthenticationProperties { RedirectUri = "/?avis=" + SesameSignIn.SignedOutNotice },
        CookieAuthenticationDefaults.AuthenticationScheme,
        OpenIdConnectDefaults.AuthenticationScheme);

    private void Load() => Clinics = [.. Organizations().Select(o => new Clinic(
        o.Key, o.Value, roster.Administers(o.Key, IdentificationCode), roster.IsEmployee(o.Key, IdentificationCode), roster.EmployeesOf(o.Key)))];

    /// <summary>The organizations claim: an object keyed by organization code (absent for a citizen).</summary>
    private Dictionary<string, string> Organizations()
    {
        var claim = User.FindFirst("organizations")?.Value;
        if (claim is null)
        {
            return [];
        }

        using var json = JsonDocument.Parse(claim);
        return json.RootElement.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetProperty("name").GetString() ?? o.Name, StringComparer.Ordinal);
    }
}
