using Adal.Features.Catalog;

namespace Adal.Tests.Catalog;

public sealed class CatalogLoaderTests
{
    internal static string ShippedCatalog => Path.Combine(AppContext.BaseDirectory, "catalog", "services");

    private static readonly string[] RequiredSlugs =
    [
        "admission-bachelor", "admission-master", "admission-doctoral", "foreign-document-recognition", "certificate-of-study", "transcript",
        "course-registration", "change-of-major", "transfer-between-faculties", "transfer-from-another-university", "transfer-to-another-university",
        "paid-to-grant-transfer", "academic-leave", "return-from-academic-leave", "reinstatement", "voluntary-withdrawal", "exam-retake",
        "grade-appeal", "credit-recognition", "academic-mobility-outgoing", "state-scholarship", "social-scholarship", "tuition-discount",
        "tuition-instalment-plan", "tuition-payment-certificate", "tuition-refund", "dormitory-place", "dormitory-checkout",
        "student-card-replacement", "personal-data-change", "health-certificate", "military-department", "thesis-topic-approval",
        "supervisor-assignment", "originality-check", "invitation-letter", "migration-registration", "graduation-clearance",
        "diploma-duplicate", "diploma-supplement-english", "archive-certificate", "employment-certificate",
    ];

    [Fact]
    public void The_shipped_catalogue_has_over_a_hundred_trilingual_services_covering_every_stage()
    {
        var definitions = CatalogLoader.LoadDirectory(ShippedCatalog);

        Assert.True(definitions.Count >= 100, $"{definitions.Count} definitions");
        Assert.All(RequiredSlugs, slug => Assert.Contains(definitions, d => d.Slug == slug));
        Assert.All(Enum.GetValues<LifeCycleStage>(), stage => Assert.Contains(definitions, d => d.Stage == stage));
        const string kazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
        Assert.All(definitions, d =>
        {
            Assert.True(d.Description.Kk.IndexOfAny(kazakhLetters.ToCharArray()) >= 0, $"{d.Slug}: Kazakh description without Kazakh letters");
            Assert.Matches("[А-Яа-яЁё]", d.Name.Ru);
            Assert.DoesNotMatch("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", d.Name.En);
        });
    }

    [Fact]
    public void The_enrolled_students_certificate_is_decided_by_the_system()
    {
        var certificate = CatalogLoader.LoadDirectory(ShippedCatalog).Single(d => d.Slug == "certificate-of-study");
        Assert.True(certificate.IsAutomatic);
        Assert.Equal(["enrolled-student"], certificate.Eligibility);
        Assert.NotNull(certificate.Document);
    }

    [Fact]
    public void A_broken_definition_stops_loading_and_names_the_file_the_field_and_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("adal-catalog-").FullName;
        try
        {
            var good = File.ReadAllText(Path.Combine(ShippedCatalog, "certificate-of-study.yaml"));
            File.WriteAllText(Path.Combine(folder, "certificate-of-study.yaml"), good);
            File.WriteAllText(Path.Combine(folder, "bad-stage.yaml"), good.Replace("slug: certificate-of-study", "slug: bad-stage").Replace("stage: study", "stage: holidays"));
            File.WriteAllText(Path.Combine(folder, "no-kazakh.yaml"), good.Replace("slug: certificate-of-study", "slug: no-kazakh").Replace("  kk: Білім алушы екендігі туралы анықтама\n  ru: Справка с места учёбы", "  ru: Справка с места учёбы"));
            File.WriteAllText(Path.Combine(folder, "typo-key.yaml"), good.Replace("slug: certificate-of-study", "slug: typo-key").Replace("eligibility:", "eligibilty:"));
            File.WriteAllText(Path.Combine(folder, "wrong-slug.yaml"), good);
            File.WriteAllText(Path.Combine(folder, "bad-placeholder.yaml"), good.Replace("slug: certificate-of-study", "slug: bad-placeholder").Replace("{purpose}.\"", "{salary}.\""));
            File.WriteAllText(Path.Combine(folder, "bad-role.yaml"), good.Replace("slug: certificate-of-study", "slug: bad-role").Replace("role: officer", "role: rector-friend"));
            File.WriteAllText(Path.Combine(folder, "broken-yaml.yaml"), "slug: broken-yaml\nname: [unclosed\n");
            File.WriteAllText(Path.Combine(folder, "numeric-stage.yaml"), good.Replace("slug: certificate-of-study", "slug: numeric-stage").Replace("stage: study", "stage: \"99\""));
            File.WriteAllText(Path.Combine(folder, "empty-items.yaml"), good.Replace("slug: certificate-of-study", "slug: empty-items").Replace("eligibility: [enrolled-student]", "eligibility: [~]").Replace("attachments: []", "attachments: [~]"));
            File.WriteAllText(Path.Combine(folder, "negative-length.yaml"), good.Replace("slug: certificate-of-study", "slug: negative-length").Replace("maxLength: 500", "maxLength: -5"));

            var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDirectory(folder));

            Assert.Contains(error.Errors, e => e.StartsWith("bad-stage.yaml: stage:"));
            Assert.Contains(error.Errors, e => e.StartsWith("no-kazakh.yaml: name.kk:"));
            Assert.Contains(error.Errors, e => e.StartsWith("typo-key.yaml: line ") && e.Contains("eligibilty"));
            Assert.Contains(error.Errors, e => e.StartsWith("wrong-slug.yaml: slug:") && e.Contains("file name"));
            Assert.Contains(error.Errors, e => e.StartsWith("bad-placeholder.yaml: document.body.ru:") && e.Contains("{salary}"));
            Assert.Contains(error.Errors, e => e.StartsWith("bad-role.yaml: workflow[0].role:"));
            Assert.Contains(error.Errors, e => e.StartsWith("broken-yaml.yaml: line 2"));
            Assert.Contains(error.Errors, e => e.StartsWith("numeric-stage.yaml: stage:"));
            Assert.Contains(error.Errors, e => e.StartsWith("empty-items.yaml: eligibility: an empty item"));
            Assert.Contains(error.Errors, e => e.StartsWith("empty-items.yaml: attachments[0]: an empty item"));
            Assert.Contains(error.Errors, e => e.StartsWith("negative-length.yaml: fields[2].maxLength:"));
            Assert.DoesNotContain(error.Errors, e => e.StartsWith("certificate-of-study.yaml"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Search_finds_services_in_any_language_ignoring_case_and_yo()
    {
        var catalog = new ServiceCatalog(CatalogLoader.LoadDirectory(ShippedCatalog));
        Assert.Equal("certificate-of-study", catalog.Search("справка с места учебы").First().Slug);
        Assert.Contains(catalog.Search("ЖАТАҚХАНА"), s => s.Slug == "dormitory-place");
        Assert.Contains(catalog.Search("academic leave"), s => s.Slug == "academic-leave");
        Assert.All(catalog.Search(null, LifeCycleStage.Money), s => Assert.Equal(LifeCycleStage.Money, s.Stage));
        Assert.Empty(catalog.Search("квантовая телепортация"));
    }
}
