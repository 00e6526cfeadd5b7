using System.Net;
using System.Text;
using Adal.Ledger;
using Adal.Tests.Infrastructure;
using static Adal.Tests.Records.RecordSteps;

namespace Adal.Tests.Records;

/// <summary>Grades entered by their teacher within the window, refused otherwise, and every entry in the ledger; on SQLite and PostgreSQL.</summary>
public abstract class GradeEntryTests<TApp>(TApp app) where TApp : AdalApp
{
    [Fact]
    public async Task Teacher_enters_a_grade_in_the_window_and_the_ledger_holds_it_as_commitments()
    {
        var teacher = await app.SignedInAsync("teacher@demo.local");
        var grade = await ExpectAsync(teacher, "/api/records/grades",
            new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = CurrentPeriod, score = 91 }, HttpStatusCode.Created);
        Assert.Equal("A-", grade["letter"]!.GetValue<string>());
        Assert.Equal(3.67m, grade["points"]!.GetValue<decimal>());
        var index = grade["ledgerIndex"]!.GetValue<long>();

        var (entry, leaf, openings) = await LedgerEntryAsync(app, index);
        Assert.Equal(LedgerEventTypes.GradeEntered, entry.EventType);
        Assert.Equal(TeachersCourse, entry.Field("course")!.AsText());
        Assert.Equal(CurrentPeriod, entry.Field("period")!.AsText());
        Assert.Equal(grade["id"]!.GetValue<string>(), entry.Field("grade")!.AsText());
        // The student and the score are salted commitments: nothing personal in clear, yet provable with the opening.
        foreach (var (field, value) in new[] { ("student", DemoStudent), ("score", "91") })
        {
            Assert.Equal(LedgerFieldKind.Commitment, entry.Field(field)!.Kind);
            var opening = openings.Single(o => o.Field == field);
            Assert.Equal(value, opening.Value);
            Assert.True(SaltedCommitment.Verify(entry.Field(field)!.AsCommitment(), new CommitmentOpening(opening.Salt, opening.Value)));
        }
        Assert.DoesNotContain(DemoStudent, Encoding.UTF8.GetString(leaf));

        var registrar = await app.SignedInAsync("registrar@demo.local");
        var transcript = await TranscriptAsync(registrar, await UserIdAsync(app, "student@demo.local"));
        var course = Courses(transcript).Single(c => c["courseCode"]!.GetValue<string>() == TeachersCourse);
        Assert.Equal((91, false, true), (course["score"]!.GetValue<int>(), course["inProgress"]!.GetValue<bool>(), course["countsInGpa"]!.GetValue<bool>()));

        // A second entry for the same enrolment is a change, not an entry.
        await ExpectAsync(teacher, "/api/records/grades", new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = CurrentPeriod, score = 95 }, HttpStatusCode.Conflict);
        // Within the window the teacher corrects it alone; it is a grade.changed entry all the same.
        var change = await ExpectAsync(teacher, $"/api/records/grades/{grade["id"]}/changes", new { score = 95 }, HttpStatusCode.OK);
        Assert.Equal(("applied", 91, 95, "A"), (change["status"]!.GetValue<string>(), change["oldScore"]!.GetValue<int>(), change["newScore"]!.GetValue<int>(), change["newLetter"]!.GetValue<string>()));
        var (changed, _, _) = await LedgerEntryAsync(app, change["ledgerIndex"]!.GetValue<long>());
        Assert.Equal((LedgerEventTypes.GradeChanged, "within_window"), (changed.EventType, changed.Field("basis")!.AsText()));
        Assert.Equal(LedgerFieldKind.Commitment, changed.Field("new_score")!.Kind);
    }

    [Fact]
    public async Task A_teacher_cannot_grade_or_change_another_teachers_course_and_nothing_changes()
    {
        var before = await CountsAsync(app);
        var other = await app.SignedInAsync("teacher2@demo.local", "kk");
        var refused = await ExpectAsync(other, "/api/records/grades",
            new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = CurrentPeriod, score = 100 }, HttpStatusCode.Forbidden);
        Assert.Equal($"{TeachersCourse} пәнінің бағаларын тек оның оқытушысы қояды және өзгертеді.", refused["title"]!.GetValue<string>());

        var teacher = await app.SignedInAsync("teacher@demo.local");
        var past = await OfferingAsync(teacher, "ISM3203", ClosedPeriod);
        var gradeId = (await SheetAsync(teacher, past["id"]!.GetValue<string>()))[0]!["gradeId"]!.GetValue<string>();
        await ExpectAsync(other, $"/api/records/grades/{gradeId}/changes", new { score = 100, reason = "Менің бағам" }, HttpStatusCode.Forbidden);
        // Nor can a student, or a registrar within the window.
        var student = await app.SignedInAsync("student@demo.local");
        await ExpectAsync(student, "/api/records/grades", new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = CurrentPeriod, score = 100 }, HttpStatusCode.Forbidden);
        var registrar = await app.SignedInAsync("registrar@demo.local");
        await ExpectAsync(registrar, "/api/records/grades", new { studentNumber = DemoStudent, courseCode = "ISM4106", period = CurrentPeriod, score = 100 }, HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task Bad_grade_input_is_refused_with_a_clear_message_in_the_users_language_and_nothing_is_saved()
    {
        var before = await CountsAsync(app);
        var teacher = await app.SignedInAsync("teacher@demo.local", "ru");
        async Task<string> ErrorAsync(object body, string field)
        {
            var problem = await ExpectAsync(teacher, "/api/records/grades", body, HttpStatusCode.BadRequest);
            return problem["errors"]![field]![0]!.GetValue<string>();
        }

        Assert.Equal("Дисциплины с кодом XYZ9999 нет.",
            await ErrorAsync(new { studentNumber = DemoStudent, courseCode = "XYZ9999", period = CurrentPeriod, score = 80 }, "courseCode"));
        foreach (var score in new object[] { 101, -1, 87.5 })
            Assert.Equal("Балл — целое число от 0 до 100.",
                await ErrorAsync(new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = CurrentPeriod, score }, "score"));
        Assert.Equal("Студент A-2026-0001 не записан на ISM4105 (2026-2027-1).",
            await ErrorAsync(new { studentNumber = "A-2026-0001", courseCode = TeachersCourse, period = CurrentPeriod, score = 80 }, "studentNumber"));
        Assert.Equal("Студента с номером 1999-XX-0000 нет.",
            await ErrorAsync(new { studentNumber = "1999-XX-0000", courseCode = TeachersCourse, period = CurrentPeriod, score = 80 }, "studentNumber"));
        Assert.Equal("Академического периода 2030-2031-1 нет.",
            await ErrorAsync(new { studentNumber = DemoStudent, courseCode = TeachersCourse, period = "2030-2031-1", score = 80 }, "period"));
        Assert.Equal("Обязательное поле.", await ErrorAsync(new { courseCode = TeachersCourse, period = CurrentPeriod, score = 80 }, "studentNumber"));
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task After_the_window_a_change_needs_a_reason_and_the_approval_of_a_second_person()
    {
        var teacher = await app.SignedInAsync("teacher@demo.local");
        var past = await OfferingAsync(teacher, "ISM3203", ClosedPeriod);
        Assert.Equal("closed", past["window"]!.GetValue<string>());
        var rows = await SheetAsync(teacher, past["id"]!.GetValue<string>());
        var (first, second) = (rows[0]!, rows[1]!);
        var gradeId = first["gradeId"]!.GetValue<string>();
        var oldScore = first["score"]!.GetValue<int>();
        var newScore = oldScore >= 95 ? oldScore - 10 : oldScore + 5;

        var noReason = await ExpectAsync(teacher, $"/api/records/grades/{gradeId}/changes", new { score = newScore }, HttpStatusCode.BadRequest);
        Assert.Contains("closed on 13 June 2026", noReason["errors"]!["reason"]![0]!.GetValue<string>());
        var pending = await ExpectAsync(teacher, $"/api/records/grades/{gradeId}/changes",
            new { score = newScore, reason = "Appeal commission, protocol No. 12: a question was marked twice" }, HttpStatusCode.Accepted);
        Assert.Equal("pending", pending["status"]!.GetValue<string>());
        Assert.Null(pending["ledgerIndex"]);
        var changeId = pending["id"]!.GetValue<string>();
        // Until someone else approves, the grade stands.
        Assert.Equal(oldScore, (await SheetAsync(teacher, past["id"]!.GetValue<string>())).Single(r => r!["gradeId"]!.GetValue<string>() == gradeId)!["score"]!.GetValue<int>());
        await ExpectAsync(teacher, $"/api/records/grades/{gradeId}/changes", new { score = newScore, reason = "again" }, HttpStatusCode.Conflict);
        await ExpectAsync(teacher, $"/api/records/changes/{changeId}/approve", new { }, HttpStatusCode.Forbidden);

        // A registrar may ask too, but never approve their own request.
        var registrar = await app.SignedInAsync("registrar@demo.local");
        var own = await ExpectAsync(registrar, $"/api/records/grades/{second["gradeId"]}/changes",
            new { score = second["score"]!.GetValue<int>() == 100 ? 99 : second["score"]!.GetValue<int>() + 1, reason = "Ведомость №45 расходится с журналом" }, HttpStatusCode.Accepted);
        var self = await ExpectAsync(registrar, $"/api/records/changes/{own["id"]}/approve", new { }, HttpStatusCode.Forbidden);
        Assert.Contains("second person", self["title"]!.GetValue<string>());

        var approver = await app.SignedInAsync("registrar2@demo.local");
        var approved = await ExpectAsync(approver, $"/api/records/changes/{changeId}/approve", new { reason = "Хаттама тексерілді" }, HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal(newScore, (await SheetAsync(teacher, past["id"]!.GetValue<string>())).Single(r => r!["gradeId"]!.GetValue<string>() == gradeId)!["score"]!.GetValue<int>());
        var (entry, _, openings) = await LedgerEntryAsync(app, approved["ledgerIndex"]!.GetValue<long>());
        Assert.Equal((LedgerEventTypes.GradeChanged, "approved", "ISM3203", ClosedPeriod),
            (entry.EventType, entry.Field("basis")!.AsText(), entry.Field("course")!.AsText(), entry.Field("period")!.AsText()));
        Assert.Equal(await UserIdAsync(app, "registrar2@demo.local"), openings.Single(o => o.Field == "approver").Value);
        Assert.Equal(await UserIdAsync(app, "teacher@demo.local"), openings.Single(o => o.Field == "actor").Value);
        Assert.Equal(oldScore.ToString(), openings.Single(o => o.Field == "old_score").Value);
        Assert.StartsWith("Appeal commission", openings.Single(o => o.Field == "reason").Value);
        await ExpectAsync(approver, $"/api/records/changes/{changeId}/approve", new { }, HttpStatusCode.Conflict);

        // A rejection needs a reason, and leaves the grade as it was.
        await ExpectAsync(approver, $"/api/records/changes/{own["id"]}/reject", new { }, HttpStatusCode.BadRequest);
        var rejected = await ExpectAsync(approver, $"/api/records/changes/{own["id"]}/reject", new { reason = "Ведомость и журнал совпадают" }, HttpStatusCode.OK);
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal(second["score"]!.GetValue<int>(), (await SheetAsync(teacher, past["id"]!.GetValue<string>())).Single(r => r!["gradeId"]!.GetValue<string>() == second["gradeId"]!.GetValue<string>())!["score"]!.GetValue<int>());
        var history = (await (await registrar.GetAsync("/api/records/changes")).ReadJsonAsync()).AsArray();
        Assert.Contains(history, c => c!["id"]!.GetValue<string>() == changeId && c["decidedBy"]!.GetValue<string>() == "Ли Виктория Сергеевна");
    }

    [Fact]
    public async Task A_first_grade_after_the_window_is_a_late_entry_that_waits_for_approval()
    {
        // An enrolment that was never graded in a closed period (brought in by the registrar's import).
        var registrar = await app.SignedInAsync("registrar@demo.local");
        var student = await app.InDemoAsync(async (_, db) => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Students.Where(s => s.Year == 1 && s.Status == Adal.Features.University.StudentStatus.Enrolled).OrderBy(s => s.StudentNumber))).StudentNumber);
        var (status, report) = await ImportAsync(registrar, "enrolments", $"student_number;course_code;period;kind\n{student};ISM3203;{ClosedPeriod};regular\n", dryRun: false);
        Assert.True(status == HttpStatusCode.OK, report.ToJsonString());

        var teacher = await app.SignedInAsync("teacher@demo.local");
        var body = new { studentNumber = student, courseCode = "ISM3203", period = ClosedPeriod, score = 72 };
        var noReason = await ExpectAsync(teacher, "/api/records/grades", body, HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["reason"]);
        var late = await ExpectAsync(teacher, "/api/records/grades", new { body.studentNumber, body.courseCode, body.period, body.score, reason = "The student sat the exam with the appeal group" }, HttpStatusCode.Accepted);
        Assert.Equal(("pending", 72), (late["status"]!.GetValue<string>(), late["newScore"]!.GetValue<int>()));
        Assert.Null(late["oldScore"]);

        var approver = await app.SignedInAsync("approver@demo.local");
        var approved = await ExpectAsync(approver, $"/api/records/changes/{late["id"]}/approve", new { }, HttpStatusCode.OK);
        var (entry, _, _) = await LedgerEntryAsync(app, approved["ledgerIndex"]!.GetValue<long>());
        Assert.Equal((LedgerEventTypes.GradeEntered, "late_approved"), (entry.EventType, entry.Field("basis")!.AsText()));
        Assert.Equal(LedgerFieldKind.Commitment, entry.Field("approver")!.Kind);
        var sheet = await SheetAsync(teacher, (await OfferingAsync(teacher, "ISM3203", ClosedPeriod))["id"]!.GetValue<string>());
        Assert.Equal(72, sheet.Single(r => r!["studentNumber"]!.GetValue<string>() == student)!["score"]!.GetValue<int>());
    }
}

public sealed class GradeEntryOnSqlite(AdalApp app) : GradeEntryTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class GradeEntryOnPostgres(PostgresApp app) : GradeEntryTests<PostgresApp>(app), IClassFixture<PostgresApp>;
