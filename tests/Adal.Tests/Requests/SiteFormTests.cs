using System.Net;
using System.Text.RegularExpressions;
using Adal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Adal.Tests.Requests;

/// <summary>The site's forms: cookie sign-in, anti-forgery tokens, messages beside the fields.</summary>
public sealed partial class SiteFormTests(AdalApp app) : IClassFixture<AdalApp>
{
    private async Task<HttpClient> SignedInSiteAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("kk");
        var token = await TokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = Adal.Platform.Identity.AccountSignIn.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return AntiForgery().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        var client = await SignedInSiteAsync("student@demo.local");
        var response = await client.PostAsync("/services/certificate-of-study/apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["f.purpose"] = "visa", ["f.copies"] = "1", ["submit"] = "true",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var api = await app.SignedInAsync("student@demo.local");
        var requests = (await (await api.GetAsync("/api/requests")).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(requests, r => r!["serviceSlug"]!.GetValue<string>() == "certificate-of-study" && r["state"]!.GetValue<string>() == "draft");
    }

    [Fact]
    public async Task The_generated_form_shows_each_error_beside_its_field_in_kazakh()
    {
        var client = await SignedInSiteAsync("student@demo.local");
        var token = await TokenAsync(client, "/services/certificate-of-study/apply");
        var response = await client.PostAsync("/services/certificate-of-study/apply", new MultipartFormDataContent
        {
            { new StringContent("99"), "f.copies" },
            { new StringContent("true"), "submit" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"f_purpose_err\">Міндетті өріс.", html);
        Assert.Contains("id=\"f_copies_err\"", html);
        Assert.Contains("value=\"99\"", html);
    }

    [Fact]
    public async Task A_student_applies_on_the_site_and_downloads_the_issued_pdf()
    {
        var client = await SignedInSiteAsync("student@demo.local");
        var token = await TokenAsync(client, "/services/certificate-of-study/apply");
        var response = await client.PostAsync("/services/certificate-of-study/apply", new MultipartFormDataContent
        {
            { new StringContent("military-office"), "f.purpose" },
            { new StringContent("1"), "f.copies" },
            { new StringContent("true"), "submit" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = response.Headers.Location!.ToString();
        var html = await client.GetStringAsync(page);
        Assert.Contains("data-state=\"issued\"", html);
        var pdf = await client.GetByteArrayAsync(page + "?handler=document");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var credential = await client.GetStringAsync(page + "?handler=credential");
        Assert.Contains("\"ecdsa-jcs-2019\"", credential);
    }

    [Fact]
    public async Task Pages_are_trilingual_and_the_catalogue_filters_by_stage()
    {
        var client = app.CreateClient();
        Assert.Contains("Қызметтер", await client.GetStringAsync("/?lang=kk"));
        Assert.Contains("Услуги", await client.GetStringAsync("/?lang=ru"));
        var money = await client.GetStringAsync("/?lang=en&stage=money");
        Assert.Contains("/services/state-scholarship", money);
        Assert.DoesNotContain("/services/dormitory-place", money);
        var search = await client.GetStringAsync("/?lang=ru&q=общежитие");
        Assert.Contains("/services/dormitory-place", search);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/no-such-service")).StatusCode);
        var unknown = await client.GetAsync("/verify/DEMO-2026-NOTHING?lang=kk");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("data-genuine=\"false\"", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_pages_are_closed_to_students()
    {
        var client = await SignedInSiteAsync("student@demo.local");
        var response = await client.GetAsync("/admin/catalog");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
        var admin = await SignedInSiteAsync("admin@demo.local");
        var catalog = await admin.GetStringAsync("/admin/catalog");
        Assert.Contains("certificate-of-study", catalog);
        Assert.Contains("v1", await admin.GetStringAsync("/admin/catalog/certificate-of-study"));
        Assert.Contains("<table", await admin.GetStringAsync("/admin/queues"));
    }
}
