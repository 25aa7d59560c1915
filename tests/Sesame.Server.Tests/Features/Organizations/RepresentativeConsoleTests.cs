using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Organizations;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Organizations;

/// <summary>
/// Seed 004's "Utilisateurs" console, and quality.md "access": a representative who changes an id in a URL or a
/// form reaches nothing of another organization.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RepresentativeConsoleTests(ServerFixture server)
{
    [Fact]
    public async Task Another_organizations_ids_in_urls_or_forms_give_404_and_change_nothing()
    {
        var (mine, myUsername) = await Professionals.RepresentativeAsync(server);
        var (theirs, theirUsername) = await Professionals.RepresentativeAsync(server);
        var theirMember = await Professionals.ProfessionalAsync(server, theirs, "Marie", "Tremblay", representative: false, [ProfessionalService.RendezVousSante]);
        using (var them = await Professionals.SignInAsync(server, theirUsername))
        {
            await Professionals.InviteAsync(server, them, theirs, $"invitee.{Guid.NewGuid():N}@exemple.ca");
        }

        var (membershipId, invitation) = await server.WithDatabaseAsync(async db =>
            (await db.Memberships.Where(m => m.OrganizationId == theirs && db.Users.Any(u => u.Id == m.UserId && u.UserName == theirMember)).Select(m => m.Id).SingleAsync(),
             await db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == theirs)));

        using var me = await Professionals.SignInAsync(server, myUsername);
        var myConsole = $"/organisations/{mine}/utilisateurs";
        var theirConsole = $"/organisations/{theirs}/utilisateurs";
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync(myConsole)).Status);

        var seen = await me.GetAsync(theirConsole);
        Assert.Equal(HttpStatusCode.NotFound, seen.Status);
        Assert.DoesNotContain(theirMember, seen.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"{theirConsole}/ajouter")).Status);

        var member = new Dictionary<string, string> { ["membre"] = membershipId.ToString() };
        var service = new Dictionary<string, string> { ["membre"] = membershipId.ToString(), ["service"] = ProfessionalService.RendezVousSante };
        var invited = new Dictionary<string, string> { ["invitation"] = invitation.Id.ToString() };
        var attempts = new (string Url, IReadOnlyDictionary<string, string> Fields)[]
        {
            // Their organization in the URL.
            ($"{theirConsole}?handler=Remove", member),
            ($"{theirConsole}?handler=RemoveService", service),
            ($"{theirConsole}?handler=ResetFactors", member),
            ($"{theirConsole}?handler=Resend", invited),
            ($"{theirConsole}?handler=Revoke", invited),
            ($"{theirConsole}?handler=Filter", new Dictionary<string, string> { ["Filter.FamilyName"] = "Tremblay" }),
            ($"{theirConsole}/ajouter", Professionals.Invitation("intrus@exemple.ca")),
            // My organization in the URL, their member or invitation in the form.
            ($"{myConsole}?handler=Remove", member),
            ($"{myConsole}?handler=RemoveService", service),
            ($"{myConsole}?handler=ResetFactors", member),
            ($"{myConsole}?handler=Resend", invited),
            ($"{myConsole}?handler=Revoke", invited),
        };
        foreach (var (url, fields) in attempts)
        {
            var answer = await me.PostAsync(url, fields, from: myConsole);
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"{url} answered {(int)answer.Status}");
            Assert.DoesNotContain(theirMember, answer.Html, StringComparison.Ordinal);
        }

        var (stillMember, stillGranted, after, intruders) = await server.WithDatabaseAsync(async db =>
            (await db.Memberships.AnyAsync(m => m.Id == membershipId),
             await db.MembershipServices.AnyAsync(s => s.MembershipId == membershipId),
             await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id),
             await db.Invitations.CountAsync(i => i.Email == "intrus@exemple.ca")));
        Assert.True(stillMember);
        Assert.True(stillGranted);
        Assert.Null(after.RevokedAt);
        Assert.Equal(invitation.CodeHash, after.CodeHash);
        Assert.Equal(0, intruders);
    }

    [Fact]
    public async Task A_member_who_is_not_a_representative_and_a_citizen_reach_no_console()
    {
        var (organization, _) = await Professionals.RepresentativeAsync(server);
        var member = await Professionals.ProfessionalAsync(server, organization, "Anne", "Li", representative: false, [ProfessionalService.RendezVousSante]);
        var console = $"/organisations/{organization}/utilisateurs";

        using (var anonymous = server.NewBrowser())
        {
            var redirected = await anonymous.GetAsync(console);
            Assert.Equal(HttpStatusCode.Redirect, redirected.Status);
            Assert.Equal($"/professionnels/connexion?retour={Uri.EscapeDataString(console)}", redirected.Target);
        }

        using (var professional = await Professionals.SignInAsync(server, member))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await professional.GetAsync(console)).Status);
        }

        var (citizen, email) = await Journeys.ConfirmedAccountAsync(server);
        using var citizenBrowser = await Journeys.SignInAsync(server, citizen, email, codesBefore: 1);
        Assert.Equal(HttpStatusCode.NotFound, (await citizenBrowser.GetAsync(console)).Status);
    }

    [Fact]
    public async Task The_representative_filters_then_removes_a_service_and_a_user()
    {
        var (organization, representative) = await Professionals.RepresentativeAsync(server);
        var cote = await Professionals.ProfessionalAsync(server, organization, "Hélène", "Côté-Tremblay", representative: false,
            [ProfessionalService.RendezVousSante, ProfessionalService.OnlinePaymentAuthorization]);
        var obrien = await Professionals.ProfessionalAsync(server, organization, "Sean", "O'Brien", representative: false, [ProfessionalService.RendezVousSante]);
        using var browser = await Professionals.SignInAsync(server, representative);
        var console = $"/organisations/{organization}/utilisateurs";

        var all = await browser.GetAsync(console);
        Assert.Contains(cote, all.Text, StringComparison.Ordinal);
        Assert.Contains(obrien, all.Text, StringComparison.Ordinal);
        Assert.Contains("Ajouter un utilisateur", all.Text, StringComparison.Ordinal);

        var filtered = await browser.PostAsync($"{console}?handler=Filter", new Dictionary<string, string> { ["Filter.FamilyName"] = "cote", ["Filter.GivenName"] = "HELENE" });
        Assert.Equal(HttpStatusCode.OK, filtered.Status);
        Assert.Contains(cote, filtered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(obrien, filtered.Text, StringComparison.Ordinal);
        var byUsername = await browser.PostAsync($"{console}?handler=Filter", new Dictionary<string, string> { ["Filter.Username"] = obrien[..12] });
        Assert.DoesNotContain(cote, byUsername.Text, StringComparison.Ordinal);
        Assert.Contains(obrien, byUsername.Text, StringComparison.Ordinal);

        var (coteMembership, obrienMembership, mineMembership) = await server.WithDatabaseAsync(async db =>
        {
            Task<Guid> Of(string username) => db.Memberships.Where(m => m.OrganizationId == organization && db.Users.Any(u => u.Id == m.UserId && u.UserName == username)).Select(m => m.Id).SingleAsync();
            return (await Of(cote), await Of(obrien), await Of(representative));
        });

        var withdrawn = await browser.PostAsync($"{console}?handler=RemoveService", new Dictionary<string, string> { ["membre"] = coteMembership.ToString(), ["service"] = ProfessionalService.OnlinePaymentAuthorization }, from: console);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        var removed = await browser.PostAsync($"{console}?handler=Remove", new Dictionary<string, string> { ["membre"] = obrienMembership.ToString() }, from: console);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        var self = await browser.PostAsync($"{console}?handler=Remove", new Dictionary<string, string> { ["membre"] = mineMembership.ToString() }, from: console);
        Assert.Equal(HttpStatusCode.BadRequest, self.Status);
        Assert.Contains("Vous ne pouvez pas vous supprimer vous-même", self.Text, StringComparison.Ordinal);

        var (services, obrienStays, audits) = await server.WithDatabaseAsync(async db =>
            (await db.MembershipServices.Where(s => s.MembershipId == coteMembership).Select(s => s.ServiceCode).ToListAsync(),
             await db.Memberships.AnyAsync(m => m.Id == obrienMembership),
             await db.AuditRecords.Where(a => a.Organization == organization.ToString()).Select(a => new { a.Code, a.Detail }).ToListAsync()));
        Assert.Equal([ProfessionalService.RendezVousSante], services);
        Assert.False(obrienStays);
        Assert.Contains(audits, a => a.Code == "organization.service-removed" && a.Detail == ProfessionalService.OnlinePaymentAuthorization);
        Assert.Contains(audits, a => a.Code == "organization.member-removed");
    }

    [Theory]
    [InlineData("Input.Email", "pas-une-adresse", "adresse courriel")]
    [InlineData("Input.GivenName", "\u202EAnne", "Le nom ne peut contenir que des lettres")]
    [InlineData("Input.Services", "service-inconnu", "Cochez au moins un des services offerts.")]
    [InlineData("Input.Title", "Majesté", "Choisissez un titre de civilité.")]
    [InlineData("Input.HasAccount", "peut-être", "Indiquez si l'utilisateur a déjà un compte.")]
    public async Task Bad_input_in_the_add_form_is_named(string field, string value, string message)
    {
        var (organization, representative) = await Professionals.RepresentativeAsync(server);
        using var browser = await Professionals.SignInAsync(server, representative);
        var path = $"/organisations/{organization}/utilisateurs/ajouter";
        var fields = Professionals.Invitation($"x.{Guid.NewGuid():N}@exemple.ca");
        fields[field] = value;

        var page = await browser.PostAsync(path, fields, from: path);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization)));
    }

    [Fact]
    public async Task The_console_is_in_english_too()
    {
        var (organization, representative) = await Professionals.RepresentativeAsync(server);
        using var browser = await Professionals.SignInAsync(server, representative);
        var console = $"/organisations/{organization}/utilisateurs";

        var english = await browser.PostAsync($"{console}?handler=Language&culture=en", new Dictionary<string, string>(), from: console);

        Assert.Equal(HttpStatusCode.OK, english.Status);
        Assert.Contains("Add a user", english.Text, StringComparison.Ordinal);
        Assert.Contains("Filter users", english.Text, StringComparison.Ordinal);
    }
}
