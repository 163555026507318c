# A feature exercising the Gherkin the TCK uses.

#encoding: utf-8

@featureTag
Feature: Sample1 - Parser coverage
  Free text describing the feature.

  Background:
    Given an empty graph

  Scenario: [1] Doc string and table
    And having executed:
      """
      CREATE (:A {name: 'a'})
        -[:T]->(:B)
      """
    When executing query:
      """cypher
      RETURN "\"\"\"" AS q
      """
    Then the result should be, in any order:
      | q | esc |
      | 'a\|b' |  'back\\slash'  |
      | 'new\nline' | '\t' |
    And no side effects

  @ignore @other
  Scenario Outline: [2] Outline <what>
    When executing query:
      """
      RETURN <value> AS v
      """
    Then the result should be, in any order:
      | v |
      | <value> |

    Examples:
      | what | value |
      | int  | 1     |
      | str  | 'x'   |

    @rowTag
    Examples:
      | what  | value |
      | float | 1.5   |

  Scenario: [3] Empty table
    When executing query:
      """
      RETURN 1
      """
    Then the side effects should be:
      |
