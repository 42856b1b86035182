package dev.flywheel.simulator;

import dev.flywheel.community.ActivityLibrary;
import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.CalendarResult;
import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Communities;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.Games;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.LibraryActivity;
import dev.flywheel.community.LibraryExport;
import dev.flywheel.community.PostKind;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.SopSlotKind;
import dev.flywheel.community.SopTemplate;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.customer.TagCombination;
import dev.flywheel.ledger.Asset;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Seed 001's customer communities for the demo tenant, made through the community module's public
 * API the way operators and account managers make them: three communities mixing needs (wealth,
 * loan, insurance, credit card) from the simulated customers' tags, a weekly SOP template applied to
 * this week and the next, five library activities (a quiz, pinyin, riddle and dice game, a half-day
 * fair), a finished quiz with its winners and a clicked product post, and some member chat.
 * All are managed by {@code employee@demo}.
 */
@Component
class DemoCommunities {
  static final String MANAGER = "employee@demo";
  private static final List<String> NEEDS = List.of("wealth", "loan", "insurance", "credit_card");
  private static final Pattern SHORT_LINK = Pattern.compile("/c/([A-Za-z0-9_-]+)");
  private final Communities communities;
  private final CommunityChat chat;
  private final ContentCalendar calendar;
  private final ActivityLibrary library;
  private final Games games;
  private final Customers customers;
  private final Clock clock;

  DemoCommunities(Communities communities, CommunityChat chat, ContentCalendar calendar, ActivityLibrary library,
      Games games, Customers customers, Clock clock) {
    this.communities = communities;
    this.chat = chat;
    this.calendar = calendar;
    this.library = library;
    this.games = games;
    this.customers = customers;
    this.clock = clock;
  }

  void create(long tenantId) {
    List<TagCombination> combos = customers.tagCombinations(tenantId, NEEDS, List.of(), 12);
    long wealth = community(tenantId, "Wealth & insurance club", "Savers who also protect their families",
        members(combos, Set.of("wealth", "insurance"), 36));
    long loans = community(tenantId, "Loan & card circle", "Borrowers with a credit card: repayment tips, offers",
        members(combos, Set.of("loan", "credit_card"), 30));
    community(tenantId, "Family finance salon", "Every need mixed: wealth, loans, insurance",
        members(combos, Set.copyOf(NEEDS), 24));
    long template = done(calendar.saveTemplate(tenantId, null, "Weekly community SOP",
        "Seed 001: news and products on weekdays, small games Tuesday and Thursday, a half-day activity on Saturday",
        slots(), MANAGER)).id();
    for (long community : List.of(wealth, loans)) {
      calendar.apply(tenantId, community, template, calendar.today(tenantId), MANAGER);
      calendar.apply(tenantId, community, template, calendar.today(tenantId).plusWeeks(1), MANAGER);
    }
    long quiz = done(library.create(tenantId, quiz(), "operator@demo")).id();
    for (ActivityScript script : List.of(pinyin(), riddle(), dice(), fair())) {
      done(library.create(tenantId, script, "operator@demo"));
    }
    chatter(tenantId, wealth);
    playQuiz(tenantId, wealth, quiz);
  }

  private long community(long tenantId, String name, String description, List<String> members) {
    CommunityResult result = communities.create(tenantId, new CommunityDraft(name, description, ChatKind.WEB_ROOM,
        null, List.of(MANAGER)), "operator@demo");
    if (!(result instanceof CommunityResult.Done done)) {
      throw new IllegalStateException("demo community could not be created: " + result);
    }
    for (String id : members) {
      communities.join(tenantId, done.community().id(), id, maskedName(tenantId, id));
    }
    return done.community().id();
  }

  /** Customers holding at least two of the wanted needs first, then those holding one; tags mixed. */
  private static List<String> members(List<TagCombination> combos, Set<String> wanted, int size) {
    Set<String> picked = new LinkedHashSet<>();
    for (int min = Math.min(2, wanted.size()); min >= 1 && picked.size() < size; min--) {
      for (TagCombination c : combos) {
        long held = c.tags().stream().filter(wanted::contains).count();
        if (held >= min) {
          c.sampleIds().stream().limit(4).forEach(id -> {
            if (picked.size() < size) {
              picked.add(id);
            }
          });
        }
      }
    }
    return List.copyOf(picked);
  }

  private String maskedName(long tenantId, String customerId) {
    return customers.find(tenantId, customerId).map(CustomerProfile::displayNameMasked).orElse(customerId);
  }

  private void chatter(long tenantId, long community) {
    List<String> members = communities.members(tenantId, community).stream().map(m -> m.customerId()).toList();
    List<String> lines = List.of("Good morning everyone!", "Is the fund quiz tonight?",
        "What is the 7-day yield of Monthly Plus now?", "早上好！今天有什么活动？", "I just bought the 30-day product",
        "谢谢经理分享", "Looking forward to Saturday's fair");
    for (int i = 0; i < lines.size() && i < members.size(); i++) {
      String id = members.get(i);
      chat.receive(tenantId, community, new Inbound("demo-chat-" + i, id, maskedName(tenantId, id), lines.get(i)));
    }
    chat.post(tenantId, community, new dev.flywheel.community.Post("Demo Employee",
        "Welcome! Tonight at 8 pm: the fund quiz — reply A, B or C. 今晚8点基金知识问答，回复字母作答。", PostKind.CHAT, null));
  }

  /** The manager pulls the quiz into the community and runs it at once; members answer; winners paid. */
  private void playQuiz(long tenantId, long community, long quiz) {
    LibraryExport export = done(library.export(tenantId, quiz, new ActivityLibrary.ExportRequest(community,
        clock.instant().plus(Duration.ofMinutes(1)), SopMode.TASK, null, null, MANAGER)));
    long gameId = export.gameId();
    List<String> members = communities.members(tenantId, community).stream().map(m -> m.customerId()).toList();
    String[] replies = {"A", "选B", "b", "C", "答案是B", "Ａ", "B", "哈哈", "c", "(A)"};
    Game game = games.find(tenantId, gameId).orElseThrow();
    for (GameRound round : game.rounds()) {
      games.openNextRound(tenantId, gameId, MANAGER);
      for (int i = 0; i < Math.min(members.size(), 12); i++) {
        String id = members.get((i + round.position() * 3) % members.size());
        String body = i % 4 == 1 ? String.valueOf(round.correctLetter()) : replies[(i + round.position()) % replies.length];
        chat.receive(tenantId, community, new Inbound("demo-quiz-" + round.id() + "-" + i, id,
            maskedName(tenantId, id), body));
      }
      games.closeRound(tenantId, round.id(), MANAGER);
    }
    Game played = games.find(tenantId, gameId).orElseThrow();
    chat.latest(tenantId, community, 10).stream().filter(m -> m.kind() == PostKind.PRODUCT)
        .map(ChatMessage::body).map(SHORT_LINK::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
        .ifPresent(token -> {
          for (int i = 0; i < 7; i++) {
            games.click(token);
          }
        });
    if (!"ENDED".equals(played.status()) && played.endedAt() == null) {
      throw new IllegalStateException("demo quiz did not finish: " + played.status());
    }
  }

  private static List<SopTemplate.Slot> slots() {
    return List.of(
        slot(DayOfWeek.MONDAY, "09:30", SopSlotKind.NEWS, SopMode.AUTO, "Monday market brief",
            "本周市场早报 Monday brief: rates steady, money-market yields around 1.8 %."),
        slot(DayOfWeek.TUESDAY, "20:00", SopSlotKind.GAME, SopMode.TASK, "Tuesday pinyin game",
            "Run the pinyin reading game from the library (about one hour)."),
        slot(DayOfWeek.WEDNESDAY, "12:00", SopSlotKind.PRODUCT_INFO, SopMode.AUTO, "Monthly Plus explained",
            "月月盈 Monthly Plus: 30-day wealth product, redeem monthly. Ask me for details!"),
        slot(DayOfWeek.THURSDAY, "20:00", SopSlotKind.GAME, SopMode.TASK, "Thursday fund quiz",
            "Run the fund quiz from the library; prize: 100 points per round."),
        slot(DayOfWeek.FRIDAY, "10:00", SopSlotKind.PROMOTION, SopMode.AUTO, "Giveback promotion",
            "百万好礼回馈: your first investment this month earns points at 10:1."),
        slot(DayOfWeek.SATURDAY, "14:00", SopSlotKind.LONG_ACTIVITY, SopMode.TASK, "Family finance fair",
            "Half-day family finance fair: host the talks and the lucky draw."));
  }

  private static SopTemplate.Slot slot(DayOfWeek day, String time, SopSlotKind kind, SopMode mode, String title,
      String body) {
    return new SopTemplate.Slot(null, day, LocalTime.parse(time), kind, mode, title, body, null, null);
  }

  private static ActivityScript quiz() {
    return game("Fund quiz", "funds", GameForm.QUIZ, "Three questions on funds; first correct answer wins",
        List.of(q("Which fund is usually the safest?", 1, "Equity fund", "Money-market fund", "Crypto fund"),
            q("What does 'T+1' redemption mean?", 0, "Money arrives the next working day", "One free redemption",
                "One-year lock-up"),
            q("Which spreads risk best?", 2, "One stock", "One sector", "A diversified fund")),
        "理财小课堂 Learn more: Monthly Plus https://bank.example/products/monthly-plus");
  }

  private static ActivityScript pinyin() {
    return game("Pinyin reading", "language", GameForm.PINYIN, "Pick the right pinyin",
        List.of(q("理财 is read …", 0, "lǐ cái", "lì cái", "lǐ cǎi"), q("基金 is read …", 1, "jì jīn", "jī jīn", "jī jìn"),
            q("收益 is read …", 2, "shōu yí", "shòu yì", "shōu yì")), null);
  }

  private static ActivityScript riddle() {
    return game("Riddle hour", "riddles", GameForm.RIDDLE, "Guess the riddle",
        List.of(q("What has keys but opens no lock?", 1, "A door", "A piano", "A map"),
            q("What grows when you save it?", 0, "Interest", "Debt", "Rent"),
            q("What has a bank but no money?", 2, "A wallet", "A vault", "A river")), null);
  }

  private static ActivityScript dice() {
    return game("Dice guess", "dice", GameForm.DICE, "Guess the total of two dice before they are rolled",
        List.of(q("Two dice: the total is …", 1, "2–5", "6–8", "9–12"), q("Two dice: a double?", 1, "Yes", "No"),
            q("One die: odd or even?", 0, "Odd", "Even")), null);
  }

  private static ActivityScript fair() {
    return new ActivityScript("Family finance fair", "offline", List.of("half-day", "family", "wealth"),
        "Half a day in the branch: two talks, a Q&A and a lucky draw for members who come",
        List.of(new ActivityScript.Message(0, "家庭理财嘉年华开始啦！The family finance fair starts now."),
            new ActivityScript.Message(60, "Talk 1: planning for children's education"),
            new ActivityScript.Message(120, "Talk 2: insurance basics for the family"),
            new ActivityScript.Message(210, "Lucky draw for everyone here — thank you for coming!")),
        null, List.of(), null, null, null, "a lucky draw among the members present", 240);
  }

  private static ActivityScript game(String title, String theme, GameForm form, String rules,
      List<GameQuestion> questions, String productPost) {
    return new ActivityScript(title, theme, List.of("game", theme), rules,
        List.of(new ActivityScript.Message(0, title + ": reply with one letter, the first correct answer wins!"),
            new ActivityScript.Message(50, "Last round soon — thanks for playing!")),
        form, questions, Duration.ofMinutes(3), productPost, new GamePrize(Asset.POINTS, 100),
        "100 points to the first correct answer of each round", 60);
  }

  private static GameQuestion q(String prompt, int correct, String... options) {
    return new GameQuestion(prompt, List.of(options), correct);
  }

  private static <T> T done(CalendarResult<T> result) {
    if (result instanceof CalendarResult.Done<T> done) {
      return done.value();
    }
    throw new IllegalStateException("demo community data could not be set up: " + result);
  }
}
