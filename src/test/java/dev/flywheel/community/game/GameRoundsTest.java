package dev.flywheel.community.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Communities;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameResult;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameSpec;
import dev.flywheel.community.GameState;
import dev.flywheel.community.Games;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.PostKind;
import dev.flywheel.customer.Customers;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.support.Race;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rounds of a group game in a community on the real database: answers, the delayed reveal, the prize once. */
@RunningFlywheel
class GameRoundsTest {
  private static final AtomicInteger MESSAGE = new AtomicInteger();
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired Games games;
  @Autowired Rounds rounds;
  @Autowired Customers customers;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired OneTimeTask<Long> communityGameCloseTask;
  private TestTenant tenant;
  private long community;
  private String manager;

  @BeforeEach
  void community() {
    tenant = tenants.create();
    manager = tenant.user(Role.EMPLOYEE);
    for (String c : List.of("ann", "bo", "cy", "di")) {
      customers.saveProfile(tenant.id(), "c-" + c, Map.of("name", c));
    }
    CommunityResult created = communities.create(tenant.id(), new CommunityDraft("Wealth club", "",
        ChatKind.WEB_ROOM, null, List.of(manager)), manager);
    community = ((CommunityResult.Done) created).community().id();
  }

  static GameSpec spec(int questions, GamePrize prize, String productPost) {
    List<GameQuestion> list = new ArrayList<>();
    for (int i = 0; i < questions; i++) {
      list.add(new GameQuestion("Which fund is the safest? " + i, List.of("Stock fund", "Money market fund",
          "Crypto"), 1));
    }
    return new GameSpec(GameForm.QUIZ, "Friday quiz", "First correct answer wins", list, Duration.ofMinutes(3),
        prize, productPost);
  }

  private ChatMessage say(String customer, String body) {
    CommunityChat.Receipt receipt = chat.receive(tenant.id(), community,
        new Inbound("wx-" + MESSAGE.incrementAndGet(), customer, customer.substring(2), body));
    return ((CommunityChat.Receipt.Accepted) receipt).message();
  }

  private GameRound open(long gameId) {
    GameResult opened = games.openNextRound(tenant.id(), gameId, manager);
    assertThat(opened).isInstanceOf(GameResult.Done.class);
    return ((GameResult.Done) opened).game().openRound().orElseThrow();
  }

  private GameState state(long gameId) {
    return games.state(tenant.id(), gameId).orElseThrow();
  }

  private List<ChatMessage> posts(PostKind kind) {
    return chat.after(tenant.id(), community, 0, 500).stream().filter(m -> !m.inbound() && m.kind() == kind)
        .toList();
  }

  private long points(String customer) {
    return ledger.wallet(tenant.id(), customer).balances().getOrDefault(Asset.POINTS,
        dev.flywheel.ledger.Wallet.Balance.EMPTY).available();
  }

  @Test
  void aSpecIsRefusedWithTheFieldsAtFaultAndNothingIsStored() {
    List<GameQuestion> questions = List.of(new GameQuestion("ok", List.of("a", "b"), 0),
        new GameQuestion("one option", List.of("only"), 0), new GameQuestion("bad index", List.of("a", "b", "c"), 3));
    GameSpec bad = new GameSpec(GameForm.RIDDLE, "", null, questions, Duration.ofSeconds(5),
        new GamePrize(Asset.POINTS, 0), null);
    GameResult refused = games.create(tenant.id(), community, bad, "console", manager);
    assertThat(refused).isInstanceOfSatisfying(GameResult.Refused.class, r -> {
      assertThat(r.code()).isEqualTo("invalid-game");
      assertThat(r.issues()).extracting(i -> i.field()).containsExactlyInAnyOrder("title", "questions[1].options",
          "questions[2].correct", "reveal_delay", "prize.amount");
    });
    List<GameQuestion> tooMany = new ArrayList<>(spec(51, null, null).questions());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> games.prepare(tenant.id(), community,
            new GameSpec(GameForm.QUIZ, "Long", "", tooMany, Duration.ofHours(2), null, null), "console", manager))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.code()).isEqualTo("invalid-game");
          assertThat(p.fields()).extracting(i -> i.field()).contains("questions", "reveal_delay");
        });
    assertThat(games.list(tenant.id(), community)).isEmpty();
  }

  @Test
  void theGameKeepsItsOwnCopyOfTheQuestions() {
    List<GameQuestion> questions = new ArrayList<>(spec(2, null, null).questions());
    long id = games.prepare(tenant.id(), community, new GameSpec(GameForm.QUIZ, "Quiz", "", questions,
        Duration.ofMinutes(1), null, null), "library:7@1", manager);
    questions.set(0, new GameQuestion("edited in the library", List.of("x", "y"), 0));
    questions.remove(1);
    Game game = games.find(tenant.id(), id).orElseThrow();
    assertThat(game.rounds()).hasSize(2);
    assertThat(game.rounds().getFirst().prompt()).isEqualTo("Which fund is the safest? 0");
    assertThat(game.source()).isEqualTo("library:7@1");
  }

  @Test
  void theWinnerIsRevealedOnlyAtTheCloseAndPaidOnce() {
    long id = games.prepare(tenant.id(), community, spec(1, new GamePrize(Asset.POINTS, 100), null), "console",
        manager);
    Instant start = clock.instant();
    GameRound round = open(id);
    assertThat(round.closesAt()).isEqualTo(start.plus(Duration.ofMinutes(3)));
    assertThat(posts(PostKind.GAME)).singleElement().satisfies(q -> {
      assertThat(q.body()).contains("A. Stock fund").contains("B. Money market fund").contains("C. Crypto");
      assertThat(q.reference()).isEqualTo("game-round:" + round.id());
    });

    clock.advance(Duration.ofSeconds(10));
    ChatMessage first = say("c-ann", "选B");
    clock.advance(Duration.ofSeconds(20));
    say("c-bo", "b");
    say("c-ann", "C");
    say("c-cy", "A.");
    say("c-di", "what a nice question");

    GameState open = state(id);
    assertThat(open.rounds().getFirst().round().status()).isEqualTo(GameRound.Status.OPEN);
    assertThat(open.rounds().getFirst().round().winnerCustomerId()).isNull();
    assertThat(open.rounds().getFirst().answers()).isEqualTo(3);
    assertThat(open.rounds().getFirst().correct()).isEqualTo(2);
    assertThat(posts(PostKind.GAME)).hasSize(1);
    assertThat(points("c-ann")).isZero();

    clock.set(round.closesAt());
    rounds.closeByTask(round.id());
    rounds.closeByTask(round.id());
    assertThat(games.closeRound(tenant.id(), round.id(), manager)).isInstanceOfSatisfying(GameResult.Refused.class,
        r -> assertThat(r.code()).isEqualTo("round-not-open"));

    GameRound closed = games.find(tenant.id(), id).orElseThrow().rounds().getFirst();
    assertThat(closed.winnerCustomerId()).isEqualTo("c-ann");
    assertThat(closed.winnerMessageId()).isEqualTo(first.id());
    assertThat(closed.winnerAnsweredAt()).isEqualTo(start.plusSeconds(10));
    assertThat(closed.closedBy()).isEqualTo("reveal-delay");
    assertThat(points("c-ann")).isEqualTo(100);
    assertThat(points("c-bo")).isZero();
    assertThat(ledger.grantsFor(tenant.id(), "game-round:" + round.id())).singleElement()
        .satisfies(g -> assertThat(g.id()).isEqualTo(closed.grantId()));
    assertThat(posts(PostKind.GAME)).hasSize(2).last().satisfies(reveal -> {
      assertThat(reveal.body()).contains("B. Money market fund").contains("ann").contains("100");
    });
    assertThat(games.find(tenant.id(), id).orElseThrow().status()).isEqualTo("ENDED");
  }

  @Test
  void aRoundWithoutACorrectAnswerIsAnnouncedAsSuchAndPaysNobody() {
    long id = games.prepare(tenant.id(), community, spec(1, new GamePrize(Asset.POINTS, 50), null), "console",
        manager);
    GameRound round = open(id);
    say("c-ann", "A");
    say("c-bo", "选C");
    games.closeRound(tenant.id(), round.id(), manager);
    GameRound closed = games.find(tenant.id(), id).orElseThrow().rounds().getFirst();
    assertThat(closed.winnerCustomerId()).isNull();
    assertThat(closed.closedBy()).isEqualTo(manager);
    assertThat(posts(PostKind.GAME).getLast().body()).contains("No correct answer").contains("本轮无人答对");
    assertThat(ledger.grantsFor(tenant.id(), "game-round:" + round.id())).isEmpty();
    assertThat(points("c-ann") + points("c-bo")).isZero();
  }

  @Test
  void twoManagersAndTheTaskClosingAtOnceRevealOnceAndGrantOnce() throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      long id = games.prepare(tenant.id(), community, spec(1, new GamePrize(Asset.POINTS, 10), null), "console",
          manager);
      GameRound round = open(id);
      say("c-bo", "B");
      say("c-ann", "B");
      clock.set(round.closesAt());
      List<Boolean> closed = Race.run(3, n -> n == 2
          ? closeByTaskReports(round.id())
          : games.closeRound(tenant.id(), round.id(), n == 0 ? manager : "admin") instanceof GameResult.Done);
      assertThat(closed).containsOnlyOnce(true);
      assertThat(posts(PostKind.GAME).stream().filter(p -> p.reference().equals("game-round:" + round.id())))
          .hasSize(2);
      assertThat(ledger.grantsFor(tenant.id(), "game-round:" + round.id())).singleElement()
          .satisfies(g -> assertThat(g.customerId()).isEqualTo("c-bo"));
    }
    assertThat(points("c-bo")).isEqualTo(50);
    assertThat(points("c-ann")).isZero();
  }

  private boolean closeByTaskReports(long roundId) {
    String before = jdbc.sql("select coalesce(closed_by, '') from community_game_rounds where id = :id")
        .param("id", roundId).query(String.class).single();
    rounds.closeByTask(roundId);
    return before.isEmpty() && "reveal-delay".equals(jdbc.sql(
        "select closed_by from community_game_rounds where id = :id").param("id", roundId).query(String.class).single());
  }

  @Test
  void answersAfterTheCloseAreRecordedLateAndNotCounted() {
    long id = games.prepare(tenant.id(), community, spec(1, new GamePrize(Asset.POINTS, 10), null), "console",
        manager);
    GameRound round = open(id);
    say("c-ann", "C");
    clock.set(round.closesAt());
    say("c-bo", "B");
    rounds.closeByTask(round.id());
    say("c-cy", "B");
    GameState.RoundFigures figures = state(id).rounds().getFirst();
    assertThat(figures.answers()).isEqualTo(1);
    assertThat(figures.correct()).isZero();
    assertThat(figures.late()).isEqualTo(2);
    assertThat(figures.round().winnerCustomerId()).isNull();
    assertThat(state(id).participants()).isEqualTo(1);
  }

  @Test
  void aReplayedAnswerCountsOnce() {
    long id = games.prepare(tenant.id(), community, spec(1, null, null), "console", manager);
    GameRound round = open(id);
    Inbound answer = new Inbound("wx-replayed-" + round.id(), "c-ann", "Ann", "B");
    assertThat(chat.receive(tenant.id(), community, answer)).isInstanceOf(CommunityChat.Receipt.Accepted.class);
    clock.advance(Duration.ofSeconds(5));
    assertThat(chat.receive(tenant.id(), community, answer)).isInstanceOf(CommunityChat.Receipt.Replayed.class);
    GameState.RoundFigures figures = state(id).rounds().getFirst();
    assertThat(figures.answers()).isEqualTo(1);
    assertThat(figures.latest()).singleElement().satisfies(a -> assertThat(a.late()).isFalse());
    assertThat(jdbc.sql("select count(*) from community_game_answers where round_id = :r").param("r", round.id())
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void theCloseIsADurableTaskThatRevealsOnceWhenItRunsLater() {
    long id = games.prepare(tenant.id(), community, spec(2, new GamePrize(Asset.POINTS, 20), null), "console",
        manager);
    GameRound round = open(id);
    say("c-di", "B");
    Instant due = jdbc.sql("""
            select execution_time from scheduled_tasks where task_name = :name and task_instance = :instance""")
        .param("name", CloseSchedule.TASK).param("instance", CloseSchedule.instanceId(round.id()))
        .query(java.sql.Timestamp.class).single().toInstant();
    assertThat(due).isEqualTo(round.closesAt());

    clock.set(due.plusSeconds(40));
    communityGameCloseTask.execute(new TaskInstance<>(CloseSchedule.TASK, CloseSchedule.instanceId(round.id()),
        round.id()), null);
    communityGameCloseTask.execute(new TaskInstance<>(CloseSchedule.TASK, CloseSchedule.instanceId(round.id()),
        round.id()), null);
    Game game = games.find(tenant.id(), id).orElseThrow();
    assertThat(game.rounds().getFirst().winnerCustomerId()).isEqualTo("c-di");
    assertThat(game.status()).isEqualTo("RUNNING");
    assertThat(points("c-di")).isEqualTo(20);
    assertThat(posts(PostKind.GAME)).hasSize(2);
  }

  @Test
  void twoGamesOpeningAtOnceOpenOneRound() throws Exception {
    long first = games.prepare(tenant.id(), community, spec(1, null, null), "console", manager);
    long second = games.prepare(tenant.id(), community, spec(1, null, null), "console", manager);
    List<GameResult> opened = Race.run(2, n -> games.openNextRound(tenant.id(), n == 0 ? first : second, manager));
    assertThat(opened).filteredOn(GameResult.Done.class::isInstance).hasSize(1);
    assertThat(opened).filteredOn(GameResult.Refused.class::isInstance).singleElement()
        .satisfies(r -> assertThat(((GameResult.Refused) r).code()).isEqualTo("round-open"));
    assertThat(posts(PostKind.GAME)).hasSize(1);
  }

  @Test
  void oneRoundAtATimePerCommunity() {
    long first = games.prepare(tenant.id(), community, spec(2, null, null), "console", manager);
    long second = games.prepare(tenant.id(), community, spec(1, null, null), "console", manager);
    open(first);
    assertThat(games.openNextRound(tenant.id(), second, manager)).isInstanceOfSatisfying(GameResult.Refused.class,
        r -> assertThat(r.code()).isEqualTo("round-open"));
    assertThat(games.openNextRound(tenant.id(), first, manager)).isInstanceOfSatisfying(GameResult.Refused.class,
        r -> assertThat(r.code()).isEqualTo("round-open"));
  }
}
