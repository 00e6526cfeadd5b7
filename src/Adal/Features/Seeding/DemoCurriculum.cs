using Adal.Features.Records;

namespace Adal.Features.Seeding;

/// <param name="Pool">Whose teachers teach it: a faculty code, or GEN-LANG, GEN-HUM, GEN-PE for the general-education departments.</param>
internal sealed record DemoCourse(string Code, string Kk, string Ru, string En, int Credits, string Component, string? Programme, string Pool);

/// <summary>
/// The demo university's curricula: real disciplines of Kazakh programmes in kk, ru and en, abridged (each
/// programme's credit structure is what its demo curriculum adds up to, not the full 240 ECTS of a bachelor's).
/// </summary>
internal static class DemoCurriculum
{
    private const string G = CourseComponent.General, B = CourseComponent.Basic, M = CourseComponent.Major, F = CourseComponent.Final;

    public static readonly DemoCourse[] Courses =
    [
        // General education, every bachelor's programme (56 ECTS, as the State standard sets it).
        new("GHK1101", "Қазақстанның қазіргі заманғы тарихы", "Современная история Казахстана", "Modern History of Kazakhstan", 5, G, null, "GEN-HUM"),
        new("GKR1102", "Қазақ (орыс) тілі 1", "Казахский (русский) язык 1", "Kazakh (Russian) Language 1", 5, G, null, "GEN-LANG"),
        new("GFL1103", "Шетел тілі 1", "Иностранный язык 1", "Foreign Language 1", 5, G, null, "GEN-LANG"),
        new("GPE1104", "Дене шынықтыру 1", "Физическая культура 1", "Physical Education 1", 2, G, null, "GEN-PE"),
        new("GIC1205", "Ақпараттық-коммуникациялық технологиялар (ағылшын тілінде)", "Информационно-коммуникационные технологии (на английском языке)", "Information and Communication Technologies (in English)", 5, G, null, "GEN-PE"),
        new("GKR1206", "Қазақ (орыс) тілі 2", "Казахский (русский) язык 2", "Kazakh (Russian) Language 2", 5, G, null, "GEN-LANG"),
        new("GFL1207", "Шетел тілі 2", "Иностранный язык 2", "Foreign Language 2", 5, G, null, "GEN-LANG"),
        new("GPE1208", "Дене шынықтыру 2", "Физическая культура 2", "Physical Education 2", 2, G, null, "GEN-PE"),
        new("GPH2109", "Философия", "Философия", "Philosophy", 5, G, null, "GEN-HUM"),
        new("GSP2110", "Әлеуметтік-саяси білімдер модулі (әлеуметтану, саясаттану, мәдениеттану, психология)", "Модуль социально-политических знаний (социология, политология, культурология, психология)", "Socio-Political Knowledge Module (Sociology, Political Science, Cultural Studies, Psychology)", 8, G, null, "GEN-HUM"),
        new("GPE2111", "Дене шынықтыру 3", "Физическая культура 3", "Physical Education 3", 2, G, null, "GEN-PE"),
        new("GEC2212", "Экология және тіршілік қауіпсіздігі негіздері", "Основы экологии и безопасности жизнедеятельности", "Fundamentals of Ecology and Life Safety", 5, G, null, "GEN-PE"),
        new("GPE2213", "Дене шынықтыру 4", "Физическая культура 4", "Physical Education 4", 2, G, null, "GEN-PE"),

        // Information Technology: basic disciplines of both bachelor's programmes, then each programme's majors.
        new("ITB1101", "Бағдарламалау негіздері", "Основы программирования", "Programming Fundamentals", 7, B, null, "FIT"),
        new("ITB1202", "Дискретті математика", "Дискретная математика", "Discrete Mathematics", 7, B, null, "FIT"),
        new("ITB2103", "Алгоритмдер және деректер құрылымдары", "Алгоритмы и структуры данных", "Algorithms and Data Structures", 7, B, null, "FIT"),
        new("ITB2204", "Объектіге бағдарланған бағдарламалау", "Объектно-ориентированное программирование", "Object-Oriented Programming", 7, B, null, "FIT"),
        new("ITB2205", "Дерекқорлар", "Базы данных", "Databases", 7, B, null, "FIT"),
        new("ITB3106", "Операциялық жүйелер", "Операционные системы", "Operating Systems", 7, B, null, "FIT"),
        new("ISM3101", "Компьютерлік желілер", "Компьютерные сети", "Computer Networks", 7, M, "6B06101", "FIT"),
        new("ISM3102", "Ақпараттық жүйелерді жобалау", "Проектирование информационных систем", "Information Systems Design", 7, M, "6B06101", "FIT"),
        new("ISM3203", "Веб-технологиялар", "Веб-технологии", "Web Technologies", 7, M, "6B06101", "FIT"),
        new("ISM3204", "Ақпараттық қауіпсіздік", "Информационная безопасность", "Information Security", 7, M, "6B06101", "FIT"),
        new("ISM4105", "Машиналық оқыту негіздері", "Основы машинного обучения", "Machine Learning Fundamentals", 7, M, "6B06101", "FIT"),
        new("ISM4106", "IT-жобаларды басқару", "Управление IT-проектами", "IT Project Management", 7, M, "6B06101", "FIT"),
        new("SEM3101", "Бағдарламалық жасақтама инженериясы", "Программная инженерия", "Software Engineering", 7, M, "6B06102", "FIT"),
        new("SEM3102", "Бағдарламалық жасақтаманы тестілеу", "Тестирование программного обеспечения", "Software Testing", 7, M, "6B06102", "FIT"),
        new("SEM3203", "Мобильді қосымшаларды әзірлеу", "Разработка мобильных приложений", "Mobile Application Development", 7, M, "6B06102", "FIT"),
        new("SEM3204", "Бағдарламалық жасақтама архитектурасы", "Архитектура программного обеспечения", "Software Architecture", 7, M, "6B06102", "FIT"),
        new("SEM4105", "Бұлттық есептеулер", "Облачные вычисления", "Cloud Computing", 7, M, "6B06102", "FIT"),
        new("SEM4106", "DevOps тәжірибелері", "Практики DevOps", "DevOps Practices", 7, M, "6B06102", "FIT"),
        new("MIS5101", "Ғылым тарихы мен философиясы", "История и философия науки", "History and Philosophy of Science", 4, G, "7M06101", "FIT"),
        new("MIS5102", "Шетел тілі (кәсіби)", "Иностранный язык (профессиональный)", "Foreign Language (Professional)", 5, G, "7M06101", "GEN-LANG"),
        new("MIS5103", "Жоғары мектеп педагогикасы", "Педагогика высшей школы", "Higher Education Pedagogy", 5, B, "7M06101", "FIT"),
        new("MIS5104", "Басқару психологиясы", "Психология управления", "Management Psychology", 4, B, "7M06101", "FIT"),
        new("MIS5105", "Ғылыми зерттеу әдіснамасы", "Методология научных исследований", "Research Methodology", 6, M, "7M06101", "FIT"),
        new("MIS5206", "Үлкен деректерді талдау", "Анализ больших данных", "Big Data Analytics", 6, M, "7M06101", "FIT"),
        new("MIS5207", "Корпоративтік ақпараттық жүйелердің архитектурасы", "Архитектура корпоративных информационных систем", "Enterprise Information Systems Architecture", 6, M, "7M06101", "FIT"),
        new("MIS5208", "Ақпараттық жүйелердің тәуекелдерін басқару", "Управление рисками информационных систем", "Information Systems Risk Management", 6, M, "7M06101", "FIT"),
        new("MIS6109", "Педагогикалық практика", "Педагогическая практика", "Teaching Practice", 6, B, "7M06101", "FIT"),
        new("MIS6110", "Зерттеу практикасы", "Исследовательская практика", "Research Practice", 6, M, "7M06101", "FIT"),
        new("MIS6211", "Магистрлік диссертацияны рәсімдеу және қорғау", "Оформление и защита магистерской диссертации", "Master's Thesis Preparation and Defence", 12, F, "7M06101", "FIT"),

        // Economics and Business.
        new("EBB1101", "Экономикалық теория", "Экономическая теория", "Economic Theory", 7, B, null, "FEB"),
        new("EBB1202", "Микроэкономика", "Микроэкономика", "Microeconomics", 7, B, null, "FEB"),
        new("EBB2103", "Макроэкономика", "Макроэкономика", "Macroeconomics", 7, B, null, "FEB"),
        new("EBB2204", "Статистика", "Статистика", "Statistics", 7, B, null, "FEB"),
        new("EBB2205", "Бухгалтерлік есеп негіздері", "Основы бухгалтерского учёта", "Principles of Accounting", 7, B, null, "FEB"),
        new("EBB3106", "Қаржы", "Финансы", "Finance", 7, B, null, "FEB"),
        new("ECM3101", "Эконометрика", "Эконометрика", "Econometrics", 7, M, "6B04101", "FEB"),
        new("ECM3102", "Әлемдік экономика", "Мировая экономика", "World Economy", 7, M, "6B04101", "FEB"),
        new("ECM3203", "Экономиканы мемлекеттік реттеу", "Государственное регулирование экономики", "Government Regulation of the Economy", 7, M, "6B04101", "FEB"),
        new("ECM3204", "Ақша, несие, банктер", "Деньги, кредит, банки", "Money, Credit and Banking", 7, M, "6B04101", "FEB"),
        new("ECM4105", "Қазақстан экономикасы", "Экономика Казахстана", "Economy of Kazakhstan", 7, M, "6B04101", "FEB"),
        new("ECM4106", "Инвестициялық талдау", "Инвестиционный анализ", "Investment Analysis", 7, M, "6B04101", "FEB"),
        new("MGM3101", "Менеджмент негіздері", "Основы менеджмента", "Principles of Management", 7, M, "6B04102", "FEB"),
        new("MGM3102", "Маркетинг", "Маркетинг", "Marketing", 7, M, "6B04102", "FEB"),
        new("MGM3203", "Персоналды басқару", "Управление персоналом", "Human Resource Management", 7, M, "6B04102", "FEB"),
        new("MGM3204", "Стратегиялық менеджмент", "Стратегический менеджмент", "Strategic Management", 7, M, "6B04102", "FEB"),
        new("MGM4105", "Ұйымдық мінез-құлық", "Организационное поведение", "Organisational Behaviour", 7, M, "6B04102", "FEB"),
        new("MGM4106", "Жобаларды басқару", "Управление проектами", "Project Management", 7, M, "6B04102", "FEB"),
        new("DEC7101", "Академиялық жазылым", "Академическое письмо", "Academic Writing", 5, B, "8D04101", "FEB"),
        new("DEC7102", "Ғылыми зерттеу әдістері", "Методы научных исследований", "Research Methods", 5, B, "8D04101", "FEB"),
        new("DEC7103", "Қазіргі экономикалық теория", "Современная экономическая теория", "Contemporary Economic Theory", 5, M, "8D04101", "FEB"),
        new("DEC7204", "Қолданбалы эконометрика (тереңдетілген курс)", "Прикладная эконометрика (продвинутый курс)", "Advanced Applied Econometrics", 5, M, "8D04101", "FEB"),
        new("DEC8105", "Педагогикалық практика (докторантура)", "Педагогическая практика (докторантура)", "Teaching Practice (Doctoral)", 10, B, "8D04101", "FEB"),
        new("DEC8206", "Зерттеу практикасы (докторантура)", "Исследовательская практика (докторантура)", "Research Practice (Doctoral)", 10, M, "8D04101", "FEB"),
        new("DEC9207", "Докторлық диссертацияны жазу және қорғау", "Написание и защита докторской диссертации", "Doctoral Dissertation Writing and Defence", 12, F, "8D04101", "FEB"),

        // Philology and Journalism.
        new("PJB1101", "Тіл біліміне кіріспе", "Введение в языкознание", "Introduction to Linguistics", 7, B, null, "FPJ"),
        new("PJB1202", "Әдебиеттану теориясы", "Теория литературы", "Literary Theory", 7, B, null, "FPJ"),
        new("PJB2103", "Қазақ әдебиетінің тарихы", "История казахской литературы", "History of Kazakh Literature", 7, B, null, "FPJ"),
        new("PJB2204", "Стилистика және сөйлеу мәдениеті", "Стилистика и культура речи", "Stylistics and Culture of Speech", 7, B, null, "FPJ"),
        new("PJB2205", "Әлем әдебиеті", "Мировая литература", "World Literature", 7, B, null, "FPJ"),
        new("PJB3106", "Мәтінді лингвистикалық талдау", "Лингвистический анализ текста", "Linguistic Analysis of Text", 7, B, null, "FPJ"),
        new("KZP3101", "Қазіргі қазақ тілінің фонетикасы", "Фонетика современного казахского языка", "Phonetics of Modern Kazakh", 7, M, "6B02301", "FPJ"),
        new("KZP3102", "Қазіргі қазақ тілінің морфологиясы", "Морфология современного казахского языка", "Morphology of Modern Kazakh", 7, M, "6B02301", "FPJ"),
        new("KZP3203", "Қазіргі қазақ тілінің синтаксисі", "Синтаксис современного казахского языка", "Syntax of Modern Kazakh", 7, M, "6B02301", "FPJ"),
        new("KZP3204", "Қазақ диалектологиясы", "Казахская диалектология", "Kazakh Dialectology", 7, M, "6B02301", "FPJ"),
        new("KZP4105", "Абайтану", "Абаеведение", "Abai Studies", 7, M, "6B02301", "FPJ"),
        new("KZP4106", "Түркітану негіздері", "Основы тюркологии", "Foundations of Turkic Studies", 7, M, "6B02301", "FPJ"),
        new("JRN3101", "Журналистикаға кіріспе", "Введение в журналистику", "Introduction to Journalism", 7, M, "6B03201", "FPJ"),
        new("JRN3102", "Журналистік шеберлік", "Журналистское мастерство", "Journalistic Craft", 7, M, "6B03201", "FPJ"),
        new("JRN3203", "Медиа құқығы және этикасы", "Медиаправо и этика", "Media Law and Ethics", 7, M, "6B03201", "FPJ"),
        new("JRN3204", "Теле- және радиожурналистика", "Теле- и радиожурналистика", "Broadcast Journalism", 7, M, "6B03201", "FPJ"),
        new("JRN4105", "Цифрлық медиа", "Цифровые медиа", "Digital Media", 7, M, "6B03201", "FPJ"),
        new("JRN4106", "Деректер журналистикасы", "Журналистика данных", "Data Journalism", 7, M, "6B03201", "FPJ"),

        // Natural Sciences.
        new("NSB1101", "Жалпы химия", "Общая химия", "General Chemistry", 7, B, null, "FNS"),
        new("NSB1202", "Жалпы биология", "Общая биология", "General Biology", 7, B, null, "FNS"),
        new("NSB2103", "Физика", "Физика", "Physics", 7, B, null, "FNS"),
        new("NSB2204", "Жоғары математика", "Высшая математика", "Higher Mathematics", 7, B, null, "FNS"),
        new("NSB2205", "Бейорганикалық химия", "Неорганическая химия", "Inorganic Chemistry", 7, B, null, "FNS"),
        new("NSB3106", "Органикалық химия", "Органическая химия", "Organic Chemistry", 7, B, null, "FNS"),
        new("BIO3101", "Ботаника", "Ботаника", "Botany", 7, M, "6B05101", "FNS"),
        new("BIO3102", "Зоология", "Зоология", "Zoology", 7, M, "6B05101", "FNS"),
        new("BIO3203", "Жасуша биологиясы", "Клеточная биология", "Cell Biology", 7, M, "6B05101", "FNS"),
        new("BIO3204", "Генетика", "Генетика", "Genetics", 7, M, "6B05101", "FNS"),
        new("BIO4105", "Микробиология", "Микробиология", "Microbiology", 7, M, "6B05101", "FNS"),
        new("BIO4106", "Молекулалық биология", "Молекулярная биология", "Molecular Biology", 7, M, "6B05101", "FNS"),
        new("CHM3101", "Аналитикалық химия", "Аналитическая химия", "Analytical Chemistry", 7, M, "6B05301", "FNS"),
        new("CHM3102", "Физикалық химия", "Физическая химия", "Physical Chemistry", 7, M, "6B05301", "FNS"),
        new("CHM3203", "Коллоидтық химия", "Коллоидная химия", "Colloid Chemistry", 7, M, "6B05301", "FNS"),
        new("CHM3204", "Химиялық технология негіздері", "Основы химической технологии", "Fundamentals of Chemical Technology", 7, M, "6B05301", "FNS"),
        new("CHM4105", "Полимерлер химиясы", "Химия полимеров", "Polymer Chemistry", 7, M, "6B05301", "FNS"),
        new("CHM4106", "Физикалық-химиялық талдау әдістері", "Физико-химические методы анализа", "Physicochemical Methods of Analysis", 7, M, "6B05301", "FNS"),

        // Law.
        new("LWB1101", "Мемлекет және құқық теориясы", "Теория государства и права", "Theory of State and Law", 7, B, null, "FLW"),
        new("LWB1202", "Қазақстан мемлекеті мен құқығының тарихы", "История государства и права Казахстана", "History of the State and Law of Kazakhstan", 7, B, null, "FLW"),
        new("LWB2103", "Қазақстан Республикасының конституциялық құқығы", "Конституционное право Республики Казахстан", "Constitutional Law of the Republic of Kazakhstan", 7, B, null, "FLW"),
        new("LWB2204", "Әкімшілік құқық", "Административное право", "Administrative Law", 7, B, null, "FLW"),
        new("LWB2205", "Азаматтық құқық (жалпы бөлім)", "Гражданское право (общая часть)", "Civil Law (General Part)", 7, B, null, "FLW"),
        new("LWB3106", "Қылмыстық құқық (жалпы бөлім)", "Уголовное право (общая часть)", "Criminal Law (General Part)", 7, B, null, "FLW"),
        new("LAW3101", "Азаматтық іс жүргізу құқығы", "Гражданское процессуальное право", "Civil Procedure Law", 7, M, "6B04201", "FLW"),
        new("LAW3102", "Қылмыстық іс жүргізу құқығы", "Уголовно-процессуальное право", "Criminal Procedure Law", 7, M, "6B04201", "FLW"),
        new("LAW3203", "Еңбек құқығы", "Трудовое право", "Labour Law", 7, M, "6B04201", "FLW"),
        new("LAW3204", "Халықаралық жария құқық", "Международное публичное право", "Public International Law", 7, M, "6B04201", "FLW"),
        new("LAW4105", "Салық құқығы", "Налоговое право", "Tax Law", 7, M, "6B04201", "FLW"),
        new("LAW4106", "Сыбайлас жемқорлыққа қарсы іс-қимыл", "Противодействие коррупции", "Anti-Corruption Law", 7, M, "6B04201", "FLW"),
    ];

    /// <summary>Each bachelor's programme defends its own diploma theses: one final-attestation course per programme.</summary>
    public static IEnumerable<DemoCourse> Finals(IEnumerable<(string Programme, string Faculty)> bachelors) =>
        bachelors.Select(p => new DemoCourse(FinalCode(p.Programme), "Дипломдық жұмысты (жобаны) жазу және қорғау", "Написание и защита дипломной работы (проекта)",
            "Writing and Defence of the Diploma Thesis (Project)", 12, F, p.Programme, p.Faculty));

    private static string FinalCode(string programme) => $"DIP{programme}";

    private static readonly string[][] BachelorGeneral =
    [
        ["GHK1101", "GKR1102", "GFL1103", "GPE1104"], ["GIC1205", "GKR1206", "GFL1207", "GPE1208"], ["GPH2109", "GSP2110", "GPE2111"], ["GEC2212", "GPE2213"],
    ];

    /// <summary>The courses of each semester of a programme, from the first.</summary>
    public static string[][] Plan(string programme, string faculty)
    {
        if (programme == "7M06101")
            return [["MIS5101", "MIS5102", "MIS5103", "MIS5104", "MIS5105"], ["MIS5206", "MIS5207", "MIS5208"], ["MIS6109", "MIS6110"], ["MIS6211"]];
        if (programme == "8D04101")
            return [["DEC7101", "DEC7102", "DEC7103"], ["DEC7204"], ["DEC8105"], ["DEC8206"], [], ["DEC9207"]];
        var basics = Courses.Where(c => c.Pool == faculty && c.Component == CourseComponent.Basic && c.Programme is null).Select(c => c.Code).ToArray();
        var majors = Courses.Where(c => c.Programme == programme).Select(c => c.Code).ToArray();
        return
        [
            [.. BachelorGeneral[0], basics[0]], [.. BachelorGeneral[1], basics[1]], [.. BachelorGeneral[2], basics[2]], [.. BachelorGeneral[3], basics[3], basics[4]],
            [basics[5], majors[0], majors[1]], [majors[2], majors[3]], [majors[4], majors[5]], [FinalCode(programme)],
        ];
    }

    /// <summary>Teachers of the demo: e-mail, name, the pools they teach. The first two have demo passwords.</summary>
    public static readonly (string Email, string FullName, string Pool)[] Teachers =
    [
        ("teacher@demo.local", "Сапарова Мәдина Ғалымқызы", "FIT"),
        ("teacher2@demo.local", "Ким Андрей Вячеславович", "FIT"),
        ("t.ospanov@demo.local", "Оспанов Қанат Жұмабекұлы", "FEB"),
        ("t.kuznetsova@demo.local", "Кузнецова Елена Павловна", "FEB"),
        ("t.baitursynova@demo.local", "Байтұрсынова Ләззат Әбдірахманқызы", "FPJ"),
        ("t.zhakupov@demo.local", "Жақыпов Ермек Серікұлы", "FPJ"),
        ("t.nurpeisova@demo.local", "Нұрпейісова Айжан Қуанышқызы", "FNS"),
        ("t.smagulov@demo.local", "Смағұлов Бақыт Төлегенұлы", "FNS"),
        ("t.yesimov@demo.local", "Есімов Ділмұрат Асқарұлы", "FLW"),
        ("t.pak@demo.local", "Пак Светлана Игоревна", "FLW"),
        ("t.akhmetzhanova@demo.local", "Ахметжанова Гүлмира Сейітқызы", "GEN-LANG"),
        ("t.tulegenov@demo.local", "Төлегенов Марат Оразұлы", "GEN-HUM"),
        ("t.belov@demo.local", "Белов Игорь Николаевич", "GEN-PE"),
    ];
}
