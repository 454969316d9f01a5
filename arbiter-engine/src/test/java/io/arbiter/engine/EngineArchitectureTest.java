package io.arbiter.engine;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's architecture rules: no I/O, threads, concurrency, logging, clock or randomness, and no library beyond
 * the JDK's core packages and Agrona. Checked on the production classes of {@code io.arbiter.engine..}, and proven able
 * to fail on the deliberately bad classes of {@code io.arbiter.engine.archfixture}.
 */
@AnalyzeClasses(packages = "io.arbiter.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest
{
    private static final String ENGINE = "io.arbiter.engine..";
    private static final String FIXTURE = "io.arbiter.engine.archfixture";

    @ArchTest
    static final ArchRule ENGINE_HAS_NO_IO_THREADS_LOGGING_CLOCK_OR_RANDOMNESS = noForbiddenDependencies(ENGINE);

    @ArchTest
    static final ArchRule ENGINE_READS_NO_CLOCK_AND_NEVER_SLEEPS = noClockSleepOrRandomCalls(ENGINE);

    @ArchTest
    static final ArchRule ENGINE_USES_ONLY_CORE_JDK_PACKAGES_AND_AGRONA = onlyAllowedPackages(ENGINE);

    @ArchTest
    static final ArchRule ENGINE_USES_NO_AGRONA_CLOCKS_AGENTS_OR_FILES = noAgronaClocksAgentsOrFiles(ENGINE);

    @Test
    void shouldCatchEveryKindOfViolationInADeliberatelyBadClass()
    {
        final JavaClasses bad = new ClassFileImporter().importPackages(FIXTURE);
        assertTrue(bad.contain("io.arbiter.engine.archfixture.ClockReadingBook"), "fixture not imported");
        final String fixture = FIXTURE + "..";

        assertViolations(noForbiddenDependencies(fixture), bad,
            "java.util.Random", "java.lang.Thread", "java.util.concurrent.ConcurrentHashMap", "java.time.Instant",
            "java.io.PrintStream");
        assertViolations(noClockSleepOrRandomCalls(fixture), bad,
            "System.nanoTime()", "System.currentTimeMillis()", "Thread.sleep(long)", "Math.random()");
        assertViolations(onlyAllowedPackages(fixture), bad, "java.security.SecureRandom", "java.io.PrintStream");
        assertViolations(noAgronaClocksAgentsOrFiles(fixture), bad, "org.agrona.concurrent.SystemNanoClock");
    }

    private static ArchRule noForbiddenDependencies(final String packages)
    {
        final DescribedPredicate<JavaClass> forbidden = resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.util.concurrent..",
            "java.util.logging..",
            "java.util.random..",
            "java.time..",
            "org.slf4j..")
            .or(nameMatching("java\\.lang\\.(Thread|ThreadGroup|ThreadLocal|InheritableThreadLocal)(\\$.*)?"))
            .or(nameMatching("java\\.lang\\.System\\$(Logger|LoggerFinder)(\\$.*)?"))
            .or(nameMatching("java\\.lang\\.(Runtime|Process|ProcessBuilder)(\\$.*)?"))
            .or(nameMatching("java\\.util\\.(Random|SplittableRandom|Timer|TimerTask|Date|Calendar)"));
        return noClasses().that().resideInAPackage(packages)
            .should().dependOnClassesThat(forbidden.as(
                "are I/O, networking, threads, concurrency, logging, clocks or randomness"))
            .because("the engine is a deterministic single-threaded state machine (ARCHITECTURE.md)");
    }

    private static ArchRule noClockSleepOrRandomCalls(final String packages)
    {
        return noClasses().that().resideInAPackage(packages)
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .because("time comes from the command, never from a clock, and nothing is random");
    }

    private static ArchRule onlyAllowedPackages(final String packages)
    {
        return classes().that().resideInAPackage(packages)
            .should().onlyDependOnClassesThat(resideInAnyPackage(
                packages, "java.lang..", "java.util..", "java.math..", "org.agrona..")
                .as("reside in the engine, java.lang, java.util, java.math or Agrona"))
            .because("the engine depends on Agrona only (ARCHITECTURE.md)");
    }

    private static ArchRule noAgronaClocksAgentsOrFiles(final String packages)
    {
        final DescribedPredicate<JavaClass> forbidden = resideInAPackage("org.agrona..").and(
            simpleNameEndingWith("Clock")
                .or(simpleNameEndingWith("IdleStrategy"))
                .or(nameMatching("org\\.agrona\\.concurrent\\.(AgentRunner|AgentInvoker|ShutdownSignalBarrier|SigInt)"))
                .or(nameMatching("org\\.agrona\\.(IoUtil|MarkFile)")));
        return noClasses().that().resideInAPackage(packages)
            .should().dependOnClassesThat(forbidden.as("are Agrona clocks, agent runners, idle strategies or file I/O"))
            .because("threads, clocks and I/O belong to the server around the engine");
    }

    private static void assertViolations(final ArchRule rule, final JavaClasses classes, final String... expected)
    {
        final EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "rule found no violation: " + rule.getDescription());
        final List<String> details = result.getFailureReport().getDetails();
        for (final String name : expected)
        {
            assertTrue(details.stream().anyMatch((line) -> line.contains(name)),
                "no violation mentions " + name + " in " + details);
        }
    }
}
