# Deployment packages for `sam build` (template.yaml: Metadata BuildMethod makefile, CodeUri .).
# sam runs `make build-<LogicalId>` from the repository root with ARTIFACTS_DIR set; the Lambda Java
# runtime puts every $(ARTIFACTS_DIR)/lib/*.jar on the classpath, so each function ships one shaded jar.
#
# One line pair per function: its Maven module and the jar that module shades (functions/pom.xml).
# The cold-start harness (local/coldstart) and checks' HandlerClassesTest read these lines: keep the
# `<LogicalId>_MODULE := ...` / `<LogicalId>_JAR := ...` form.
IngestFunction_MODULE := functions/ingest
IngestFunction_JAR := ingest-function.jar
ListFilesFunction_MODULE := functions/ingest
ListFilesFunction_JAR := ingest-function.jar
ConvertFunction_MODULE := functions/convert
ConvertFunction_JAR := convert-function.jar
ExtractFunction_MODULE := functions/extract
ExtractFunction_JAR := extract-function.jar
RecordOutcomeFunction_MODULE := functions/state
RecordOutcomeFunction_JAR := state-function.jar
RedriveFunction_MODULE := functions/state
RedriveFunction_JAR := state-function.jar

FUNCTIONS := IngestFunction ListFilesFunction ConvertFunction ExtractFunction RecordOutcomeFunction RedriveFunction

# Overridable for tests and CI (e.g. MVN_FLAGS="-q -B -o" when ~/.m2 is already filled).
MVN ?= mvn
MVN_FLAGS ?= -q -B

# build-<LogicalId>: build the module's jar (tests neither compiled nor run: CI runs them) and copy it to lib/.
define function_target
.PHONY: build-$(1)
build-$(1):
	@test -n "$$(ARTIFACTS_DIR)" || { echo "make build-$(1): ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	$$(MVN) $$(MVN_FLAGS) -pl $$($(1)_MODULE) -am package -Dmaven.test.skip=true
	mkdir -p "$$(ARTIFACTS_DIR)/lib"
	cp "$$($(1)_MODULE)/target/$$($(1)_JAR)" "$$(ARTIFACTS_DIR)/lib/"
endef
$(foreach function,$(FUNCTIONS),$(eval $(call function_target,$(function))))

# All function jars in one Maven run (what `./productflow bench coldstart` needs), without copying anything.
# Only the modules that exist in this checkout (a module may be added later than its template entry).
comma := ,
empty :=
space := $(empty) $(empty)
FUNCTION_MODULES := $(sort $(foreach f,$(FUNCTIONS),$(patsubst %/pom.xml,%,$(wildcard $($(f)_MODULE)/pom.xml))))

.PHONY: functions
functions:
	$(MVN) $(MVN_FLAGS) -pl $(subst $(space),$(comma),$(FUNCTION_MODULES)) -am package -Dmaven.test.skip=true
