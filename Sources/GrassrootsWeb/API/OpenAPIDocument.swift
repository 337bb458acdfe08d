/// The OpenAPI 3 description of /api/v1, served at /api/v1/openapi.json.
/// Kept beside the routes it describes; a web test checks every documented path answers.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.0.3",
 "info": {
  "title": "Grassroots API",
  "version": "1.0.0",
  "description": "Urban grassroots governance: territory, organizations, household registry, coverage, mobilization (directives, assignments, idempotent field submissions, live roll-up). Authenticate with POST /login and send Authorization: Bearer <token>; coordination (departments, summons 吹哨/报到 with time limits, two-way evaluation, the community access list). Cadres: profiles with posts and moves, training sessions and attendance, secondments with end-of-term reviews, the period evaluation with configurable weights, and the communities' secretary–director table (一肩挑). Resident requests (诉求) with time limits, routing, escalation to summons, feedback and the three rates (响应率、解决率、满意率); the same requests are served as Open311 GeoReport v2 at /open311/v2 (JSON and XML, outside this API). The council hall (红色议事厅: topics, votes, ballots), the community development fund (public ledger) and the online community (notices, confirmations, each community's public page). Participation: units and employed party members registering at communities (双报到), needs and projects, events with sign-up, confirmed service hours. The check-up (体检): one composite report per city, street or community."
 },
 "servers": [
  {
   "url": "/api/v1"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/login": {
   "post": {
    "summary": "Sign in and receive an API token",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "token": {
           "type": "string"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "username",
         "password"
        ],
        "properties": {
         "username": {
          "type": "string"
         },
         "password": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/tokens": {
   "get": {
    "summary": "The caller's live API tokens; an administrator also sees those of every account in their scope",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/APIToken"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/tokens/{id}/revoke": {
   "post": {
    "summary": "Ends a token: the caller's own, or (for an administrator) one of an account in their scope",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Revoked",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "revoked": {
           "type": "integer"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/me": {
   "get": {
    "summary": "The signed-in account",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Account"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/units/{id}": {
   "get": {
    "summary": "A unit with lineage, children, organizations and staff",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/units/{id}/children": {
   "post": {
    "summary": "Add a child unit",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TerritoryUnit"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "kind",
         "name"
        ],
        "properties": {
         "kind": {
          "type": "string",
          "enum": [
           "province",
           "prefecture",
           "city",
           "street",
           "community",
           "grid",
           "compound",
           "building"
          ]
         },
         "name": {
          "type": "string"
         },
         "code": {
          "type": "string"
         },
         "address": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/units/{id}/organizations": {
   "post": {
    "summary": "Attach an organization",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "kind",
         "name"
        ],
        "properties": {
         "kind": {
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "leader_name": {
          "type": "string"
         },
         "member_count": {
          "type": "integer",
          "minimum": 0
         },
         "has_party_organization": {
          "type": "boolean"
         }
        }
       }
      }
     }
    }
   }
  },
  "/units/{id}/staff": {
   "post": {
    "summary": "Add grid staff",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "role",
         "name"
        ],
        "properties": {
         "role": {
          "type": "string",
          "enum": [
           "grid_leader",
           "grid_worker",
           "red_area_leader",
           "resident_group_leader",
           "building_leader",
           "volunteer"
          ]
         },
         "name": {
          "type": "string"
         },
         "phone": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/units/{id}/coverage": {
   "get": {
    "summary": "Coverage and blind spots of the unit and each child (format=csv for CSV)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ]
   }
  },
  "/units/{id}/households": {
   "get": {
    "summary": "Households of a building",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Household"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   },
   "post": {
    "summary": "Add a household to a building",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/HouseholdInput"
       }
      }
     }
    }
   }
  },
  "/households/{id}": {
   "get": {
    "summary": "A household with its residents",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   },
   "put": {
    "summary": "Change a household",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/HouseholdInput"
       }
      }
     }
    }
   }
  },
  "/households/{id}/residents": {
   "post": {
    "summary": "Add a resident",
    "responses": {
     "201": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Resident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ResidentInput"
       }
      }
     }
    }
   }
  },
  "/residents/{id}": {
   "get": {
    "summary": "A resident (numbers masked)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Resident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   },
   "put": {
    "summary": "Change a resident",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Resident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ResidentInput"
       }
      }
     }
    }
   }
  },
  "/residents/{id}/reveal": {
   "post": {
    "summary": "Reveal the full identity number (audited)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/search": {
   "get": {
    "summary": "Search residents by name and households by address (identity numbers are refused here: use POST /search/id-number)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 50
      }
     }
    ]
   }
  },
  "/search/id-number": {
   "post": {
    "summary": "Find residents by exact identity number (roles that may reveal; audited)",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "id_number"
        ],
        "properties": {
         "id_number": {
          "type": "string",
          "minLength": 18,
          "maxLength": 18
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/audit": {
   "get": {
    "summary": "Audit log within scope",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "username",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "action",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "entity",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/directives": {
   "get": {
    "summary": "Directives issued within the scope or reaching into it",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Directive"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "summary": "Draft (or, with issue: true, issue) a directive",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DirectiveInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Directive"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}": {
   "get": {
    "summary": "A directive",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Directive"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/issue": {
   "post": {
    "summary": "Issue a draft: one assignment per target, set-based, with the roll-up counters",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Directive"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/cancel": {
   "post": {
    "summary": "Cancel a directive",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Directive"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/extend": {
   "post": {
    "summary": "Move the deadline later",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "deadline"
        ],
        "properties": {
         "deadline": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Directive"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/progress": {
   "get": {
    "summary": "The maintained roll-up under a unit, parents first",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "levels",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 0,
       "maximum": 3
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/UnitProgress"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/stalled": {
   "get": {
    "summary": "Compounds and grids stuck at the gate",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/UnitProgress"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/assignments": {
   "get": {
    "summary": "Assignments in the scope, by compound, building and room",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "all",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "1"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Assignment"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/directives/{id}/reassign": {
   "post": {
    "summary": "Hand the open assignments under a unit to a staff member",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "unit_id",
         "staff_id"
        ],
        "properties": {
         "unit_id": {
          "type": "integer"
         },
         "staff_id": {
          "type": "integer"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "moved": {
           "type": "integer"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/submissions": {
   "post": {
    "summary": "Report on one assignment; a replayed key answers 200 with the first result",
    "parameters": [
     {
      "name": "Idempotency-Key",
      "in": "header",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Submission"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SubmissionResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "200": {
      "description": "Replay of an applied key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SubmissionResult"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/photos": {
   "post": {
    "summary": "Upload photos for a record to be written next (a report names them in photos). The format is told by the bytes (JPEG, PNG, WebP); EXIF and other metadata are removed; kept for a day unless a record takes them",
    "requestBody": {
     "required": true,
     "content": {
      "multipart/form-data": {
       "schema": {
        "type": "object",
        "required": [
         "photo"
        ],
        "properties": {
         "photo": {
          "type": "array",
          "items": {
           "type": "string",
           "format": "binary"
          }
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Kept",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "photos": {
           "type": "array",
           "items": {
            "type": "object",
            "properties": {
             "id": {
              "type": "integer"
             },
             "url": {
              "type": "string"
             },
             "bytes": {
              "type": "integer"
             },
             "content_type": {
              "type": "string"
             }
            }
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/submissions/batch": {
   "post": {
    "summary": "Several reports in one transaction: all applied or none",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "submissions"
        ],
        "properties": {
         "submissions": {
          "type": "array",
          "items": {
           "$ref": "#/components/schemas/Submission"
          }
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/SubmissionResult"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/inbox": {
   "get": {
    "summary": "Escalations addressed to units in the scope",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Notification"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/departments": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Departments (条)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Department"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/stations": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Dispatched stations (派驻机构)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Station"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/summons": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Summons the caller sees",
    "parameters": [
     {
      "name": "status",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "pending_street",
        "open",
        "closed",
        "declined"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Summons"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "coordination"
    ],
    "summary": "Raise a summons (吹哨); a community's waits for its street",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SummonsInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Raised",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Summons"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/summons/{id}": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "A summons with its timeline",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "summons": {
           "$ref": "#/components/schemas/Summons"
          },
          "timeline": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/SummonsEvent"
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/summons/{id}/decision": {
   "post": {
    "tags": [
     "coordination"
    ],
    "summary": "The street sends on or declines a community's summons",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SummonsDecision"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Summons"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/summons-targets/{id}/steps": {
   "post": {
    "tags": [
     "coordination"
    ],
    "summary": "A step on a called department's part (officer: accept … request closure; street: close, reopen, approve or deny requests)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SummonsStep"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Summons"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/evaluations": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Two-way evaluation of a period (published, or computed live)",
    "parameters": [
     {
      "name": "period",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "2026Q4 (quarter) or 2026-11 (month); default the current quarter"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/EvaluationRow"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/evaluations/ratings": {
   "post": {
    "tags": [
     "coordination"
    ],
    "summary": "Rate the other side for a period (1–5 stars)",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Rating"
       }
      }
     }
    },
    "responses": {
     "204": {
      "description": "Rated"
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/access-items": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "The community access list (准入清单) and applications",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/AccessItem"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/certificates": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Certificates a community may and may not issue",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Certificate"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/department-tasks": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Department tasks the caller sees",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/DepartmentTask"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "coordination"
    ],
    "summary": "A department officer sends a task to a community; the access list decides",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DepartmentTaskInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Submitted (accepted, refused or pending_street)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DepartmentTask"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/burden": {
   "get": {
    "tags": [
     "coordination"
    ],
    "summary": "Burden report: tasks taken and kept off per department",
    "parameters": [
     {
      "name": "period",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "2026Q4 (quarter) or 2026-11 (month); default the current quarter"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/BurdenLine"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/cadres": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "Cadres the caller sees (working in its scope or seconded into it)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Cadre"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "tier",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ]
   },
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "Add a cadre's profile",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Cadre"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CadreInput"
       }
      }
     }
    }
   }
  },
  "/cadres/{id}": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "A cadre with posts, training record and secondments",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CadreDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/cadres/{id}/posts": {
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "Record a post, or a move with endsCurrent",
    "responses": {
     "201": {
      "description": "The cadre's posts",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/CadrePost"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PostInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/courses": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "The course catalogue",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Course"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "Add a course (the city)",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Course"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CourseInput"
       }
      }
     }
    }
   }
  },
  "/training-sessions": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "Sessions held in the caller's scope",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/TrainingSession"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "Record a session",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TrainingSession"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TrainingSessionInput"
       }
      }
     }
    }
   }
  },
  "/training-sessions/{id}/attendance": {
   "put": {
    "tags": [
     "cadres"
    ],
    "summary": "Set who attended and for how long (all or nothing)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Attendance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AttendanceInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/secondments": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "Secondments into the caller's scope or of its cadres",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Secondment"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "Send a cadre on a secondment",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Secondment"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SecondmentInput"
       }
      }
     }
    }
   }
  },
  "/secondments/{id}/review": {
   "post": {
    "tags": [
     "cadres"
    ],
    "summary": "The end-of-term review (from a month before the term ends, once)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Secondment"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ReviewInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/cadre-evaluation": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "The period evaluation of the caller's cadres, with weights",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CadreEvaluation"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "period",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "2026, 2026Q4 or 2026-11; default this year"
     }
    ]
   }
  },
  "/leadership": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "Per community: secretary, director, and whether one person holds both (一肩挑)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/CommunityLeadership"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/cadre-units": {
   "get": {
    "tags": [
     "cadres"
    ],
    "summary": "Each street or community under a unit: its cadres' training record beside its outcomes",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/UnitCadreRecord"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "period",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/request-categories": {
   "get": {
    "tags": [
     "requests"
    ],
    "summary": "The two-level category tree (leaves are Open311 services)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/RequestCategory"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/requests": {
   "get": {
    "tags": [
     "requests"
    ],
    "summary": "Requests the caller sees (a resident's own; staff: their territory's)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ServiceRequest"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "status",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ]
   },
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "File a request (routed to the grid worker of the place)",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RequestInput"
       }
      }
     }
    }
   }
  },
  "/requests/{id}": {
   "get": {
    "tags": [
     "requests"
    ],
    "summary": "A request with its timeline",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RequestDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/requests/{id}/steps": {
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "A step by the handling unit",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RequestStep"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/requests/{id}/feedback": {
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "The resident's verdict (or a call-back by the tier above the handler)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RequestFeedback"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/requests/{id}/withdraw": {
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "The resident withdraws a request not yet answered",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/requests/{id}/flag": {
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "Ask to keep a request out of the satisfaction rate",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RequestFlag"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/requests/{id}/flag-decision": {
   "post": {
    "tags": [
     "requests"
    ],
    "summary": "The tier above the handler decides the exclusion",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/FlagDecision"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/request-rates": {
   "get": {
    "tags": [
     "requests"
    ],
    "summary": "A unit's three rates and the ranking below it",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RequestRates"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "period",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/topics": {
   "get": {
    "tags": [
     "council"
    ],
    "summary": "Council-hall topics of the caller's area",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Topic"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "council"
    ],
    "summary": "Raise a topic",
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Topic"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TopicInput"
       }
      }
     }
    }
   }
  },
  "/topics/{id}": {
   "get": {
    "tags": [
     "council"
    ],
    "summary": "A topic with its record and vote",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TopicDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/topics/{id}/comments": {
   "post": {
    "tags": [
     "council"
    ],
    "summary": "Comment on a topic under discussion",
    "responses": {
     "204": {
      "description": "Done"
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CommentInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/topics/{id}/ballots": {
   "post": {
    "tags": [
     "council"
    ],
    "summary": "Cast a ballot (once per voter; 409 on a second)",
    "responses": {
     "201": {
      "description": "Counted",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Vote"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/BallotInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/funds/{code}": {
   "get": {
    "tags": [
     "council"
    ],
    "summary": "A community fund's public account (no sign-in)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/FundLedger"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "code",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "12-digit division code of a community"
     }
    ],
    "security": []
   }
  },
  "/funds/{code}/entries": {
   "post": {
    "tags": [
     "council"
    ],
    "summary": "Record a donation, grant or disbursement (never below zero)",
    "responses": {
     "201": {
      "description": "Recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/FundEntry"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/FundEntryInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "code",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "12-digit division code of a community"
     }
    ]
   }
  },
  "/notices": {
   "get": {
    "tags": [
     "notices"
    ],
    "summary": "Notices the caller sees",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Notice"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "notices"
    ],
    "summary": "Publish a notice",
    "responses": {
     "201": {
      "description": "Published",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Notice"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NoticeInput"
       }
      }
     }
    }
   }
  },
  "/notices/{id}/ack": {
   "post": {
    "tags": [
     "notices"
    ],
    "summary": "A resident confirms their household has read a notice",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Notice"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/notices/{id}/unread": {
   "get": {
    "tags": [
     "notices"
    ],
    "summary": "Households yet to confirm (building and room)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object",
          "properties": {
           "building": {
            "type": "string"
           },
           "room": {
            "type": "string"
           }
          },
          "required": [
           "building",
           "room"
          ]
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/communities/{code}": {
   "get": {
    "tags": [
     "notices"
    ],
    "summary": "A community's public page: service information, grid workers, notices (no sign-in)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CommunityPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "code",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "12-digit division code of a community"
     }
    ],
    "security": []
   }
  },
  "/member-units": {
   "get": {
    "tags": [
     "participation"
    ],
    "summary": "Units registered with the caller's communities",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/MemberUnit"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "participation"
    ],
    "summary": "Register a unit (staff, or a liaison for their own unit)",
    "responses": {
     "201": {
      "description": "Registered",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MemberUnit"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MemberUnitInput"
       }
      }
     }
    }
   }
  },
  "/member-registrations": {
   "get": {
    "tags": [
     "participation"
    ],
    "summary": "Party members' registrations (a member: their own)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/MemberRegistration"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "participation"
    ],
    "summary": "A party member registers at their residence community",
    "responses": {
     "201": {
      "description": "Waiting for the community",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MemberRegistration"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MemberRegistrationInput"
       }
      }
     }
    }
   }
  },
  "/needs": {
   "get": {
    "tags": [
     "participation"
    ],
    "summary": "Needs and projects of the caller's communities",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Need"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/needs/{id}/claim": {
   "post": {
    "tags": [
     "participation"
    ],
    "summary": "Claim an open need (once; 409 when taken)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Need"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ClaimInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/events": {
   "get": {
    "tags": [
     "participation"
    ],
    "summary": "Events of the caller's area",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/CommunityEvent"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/events/{id}/signups": {
   "post": {
    "tags": [
     "participation"
    ],
    "summary": "Sign up for an event (within its capacity, once)",
    "responses": {
     "201": {
      "description": "Signed up",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CommunityEvent"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SignupInput"
       }
      }
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/service-hours": {
   "get": {
    "tags": [
     "participation"
    ],
    "summary": "Service hours (a member or liaison: their own)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ServiceHours"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "participation"
    ],
    "summary": "Record hours against an event or a project",
    "responses": {
     "201": {
      "description": "Recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ServiceHours"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ServiceHoursInput"
       }
      }
     }
    }
   }
  },
  "/checkup": {
   "get": {
    "tags": [
     "checkup"
    ],
    "summary": "The check-up of a unit (city, street or community) for a period",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CheckupReport"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    },
    "parameters": [
     {
      "name": "unit",
      "in": "query",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "period",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/plans": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "Plans made within the caller's scope or above it",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Plan"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Make a plan (预案)",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PlanInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Plan"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/plans/{id}": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "One plan",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Plan"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/plans/{id}/actions": {
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Add an action to a level of a plan",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PlanActionInput"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Plan"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/incidents": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "Activations (real and drills) the caller sees",
    "parameters": [
     {
      "name": "drill",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false",
        "1",
        "0"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Incident"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Activate a plan level in one step (directives, summons, notices in one transaction)",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ActivationInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Activated",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/incidents/{id}": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "An incident with its live roll-up",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/incidents/{id}/review": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "The drill review: time to 50/90/100 % per tier, stalled compounds, silent staff, history",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DrillReview"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/incidents/{id}/stand-down": {
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Stand an incident down",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "summary": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/alerts": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "Alerts the caller sees",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Alert"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Receive an OASIS CAP 1.2 document (at most 1 MB); affected units from geocodes (division or grid codes) or polygons and circles",
    "requestBody": {
     "required": true,
     "content": {
      "application/cap+xml": {
       "schema": {
        "type": "string"
       }
      },
      "application/xml": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Received",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alert"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/alerts/{id}": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "One alert",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alert"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/alerts/{id}/cap": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "The alert's CAP 1.2 document",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/cap+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/quarantines": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "Home quarantines running in the caller's scope, or with view=missed the missed daily checks (escalation)",
    "parameters": [
     {
      "name": "view",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "missed"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "anyOf": [
          {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Quarantine"
           }
          },
          {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/MissedCheck"
           }
          }
         ]
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Register a home quarantine",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/QuarantineInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Registered",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Quarantine"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/quarantines/{id}": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "A quarantine with its daily checks (reading health data is audited)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/QuarantineDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/quarantines/{id}/checks": {
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Record today's check",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CheckInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/QuarantineDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/supply-requests": {
   "get": {
    "tags": [
     "emergency"
    ],
    "summary": "Supply requests the caller sees (a volunteer: their deliveries)",
    "parameters": [
     {
      "name": "status",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "open",
        "assigned",
        "delivered",
        "cancelled"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/SupplyRequest"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "Request supplies for a household; routed to a volunteer in the same transaction",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SupplyInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Requested",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SupplyRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "413": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/supply-requests/{id}/delivered": {
   "post": {
    "tags": [
     "emergency"
    ],
    "summary": "The assigned volunteer marks a delivery done",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SupplyRequest"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer"
   }
  },
  "responses": {
   "Problem": {
    "description": "An error, with a message that says what to fix",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   }
  },
  "schemas": {
   "Problem": {
    "type": "object",
    "required": [
     "error",
     "fields"
    ],
    "properties": {
     "error": {
      "type": "string"
     },
     "fields": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "field": {
         "type": "string"
        },
        "message": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "APIToken": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "username": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "created_at": {
      "type": "string"
     },
     "expires_at": {
      "type": "string"
     }
    }
   },
   "Account": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "username": {
      "type": "string"
     },
     "display_name": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "scope_unit_id": {
      "type": "integer"
     },
     "scope_path": {
      "type": "string"
     }
    }
   },
   "TerritoryUnit": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "parent_id": {
      "type": "integer",
      "nullable": true
     },
     "kind": {
      "type": "string"
     },
     "code": {
      "type": "string",
      "nullable": true
     },
     "name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "depth": {
      "type": "integer"
     },
     "address": {
      "type": "string",
      "nullable": true
     }
    }
   },
   "HouseholdInput": {
    "type": "object",
    "required": [
     "room"
    ],
    "properties": {
     "room": {
      "type": "string",
      "maxLength": 20
     },
     "address": {
      "type": "string",
      "maxLength": 200
     },
     "note": {
      "type": "string"
     }
    }
   },
   "Household": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "building_id": {
      "type": "integer"
     },
     "compound_id": {
      "type": "integer"
     },
     "grid_id": {
      "type": "integer"
     },
     "path": {
      "type": "string"
     },
     "room": {
      "type": "string"
     },
     "address": {
      "type": "string",
      "nullable": true
     },
     "note": {
      "type": "string",
      "nullable": true
     },
     "residents": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Resident"
      }
     }
    }
   },
   "ResidentInput": {
    "type": "object",
    "required": [
     "name"
    ],
    "properties": {
     "name": {
      "type": "string",
      "maxLength": 50
     },
     "sex": {
      "type": "string",
      "enum": [
       "M",
       "F"
      ]
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "id_number": {
      "type": "string",
      "description": "GB 11643, 18 characters"
     },
     "phone": {
      "type": "string"
     },
     "political_status": {
      "type": "string",
      "enum": [
       "party_member",
       "probationary_member",
       "league_member",
       "masses"
      ]
     },
     "residence_status": {
      "type": "string",
      "enum": [
       "registered_living",
       "registered_away",
       "living_unregistered"
      ]
     },
     "categories": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "is_head": {
      "type": "boolean"
     }
    }
   },
   "Resident": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "household_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "sex": {
      "type": "string",
      "nullable": true
     },
     "birth_date": {
      "type": "string",
      "nullable": true
     },
     "id_number_masked": {
      "type": "string",
      "nullable": true
     },
     "phone_masked": {
      "type": "string",
      "nullable": true
     },
     "political_status": {
      "type": "string"
     },
     "residence_status": {
      "type": "string"
     },
     "is_head": {
      "type": "boolean"
     },
     "branch_id": {
      "type": "integer",
      "nullable": true
     },
     "categories": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "ProgressCounts": {
    "type": "object",
    "required": [
     "total",
     "pending",
     "done",
     "absent",
     "refused",
     "not_applicable"
    ],
    "properties": {
     "total": {
      "type": "integer"
     },
     "pending": {
      "type": "integer"
     },
     "done": {
      "type": "integer"
     },
     "absent": {
      "type": "integer"
     },
     "refused": {
      "type": "integer"
     },
     "not_applicable": {
      "type": "integer"
     }
    }
   },
   "FormField": {
    "type": "object",
    "required": [
     "label",
     "type"
    ],
    "properties": {
     "key": {
      "type": "string"
     },
     "label": {
      "type": "string"
     },
     "type": {
      "type": "string",
      "enum": [
       "text",
       "number",
       "yesno",
       "choice",
       "date",
       "temperature"
      ]
     },
     "required": {
      "type": "boolean"
     },
     "options": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "min": {
      "type": "number",
      "description": "The least answer a number field accepts; only on number fields, not above max."
     },
     "max": {
      "type": "number",
      "description": "The greatest answer a number field accepts; only on number fields."
     }
    }
   },
   "DirectiveInput": {
    "type": "object",
    "required": [
     "unit_id",
     "title",
     "kind",
     "target",
     "deadline"
    ],
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "screening",
       "visit",
       "notice",
       "survey",
       "inspection",
       "supply",
       "custom"
      ]
     },
     "target": {
      "type": "string",
      "enum": [
       "households",
       "households_with_category",
       "residents_with_category",
       "compounds",
       "buildings"
      ]
     },
     "category": {
      "type": "string"
     },
     "responsible": {
      "type": "string",
      "enum": [
       "grid_worker",
       "building_leader",
       "compound_staff"
      ]
     },
     "priority": {
      "type": "string",
      "enum": [
       "normal",
       "urgent",
       "critical"
      ]
     },
     "deadline": {
      "type": "string",
      "description": "Beijing time, e.g. 2027-01-01 18:00"
     },
     "instructions": {
      "type": "string"
     },
     "form": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FormField"
      }
     },
     "stall_hours": {
      "type": "integer",
      "minimum": 1,
      "maximum": 720
     },
     "issue": {
      "type": "boolean",
      "description": "Issue at once instead of saving a draft"
     }
    }
   },
   "Directive": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "path": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "target": {
      "type": "string"
     },
     "category": {
      "type": "string",
      "nullable": true
     },
     "responsible": {
      "type": "string"
     },
     "priority": {
      "type": "string"
     },
     "deadline": {
      "type": "string",
      "format": "date-time"
     },
     "instructions": {
      "type": "string"
     },
     "form": {
      "type": "object",
      "properties": {
       "fields": {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/FormField"
        }
       }
      }
     },
     "stall_hours": {
      "type": "integer"
     },
     "status": {
      "type": "string",
      "enum": [
       "draft",
       "issued",
       "cancelled"
      ]
     },
     "target_count": {
      "type": "integer"
     },
     "created_by": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "issued_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     }
    }
   },
   "UnitProgress": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "parent_id": {
      "type": "integer",
      "nullable": true
     },
     "path": {
      "type": "string"
     },
     "depth": {
      "type": "integer"
     },
     "kind": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "counts": {
      "$ref": "#/components/schemas/ProgressCounts"
     },
     "last_report_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     }
    }
   },
   "Assignment": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "directive_id": {
      "type": "integer"
     },
     "household_id": {
      "type": "integer",
      "nullable": true
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "label": {
      "type": "string"
     },
     "resident_name": {
      "type": "string",
      "nullable": true
     },
     "responsible_staff_id": {
      "type": "integer",
      "nullable": true
     },
     "responsible_name": {
      "type": "string",
      "nullable": true
     },
     "outcome": {
      "type": "string",
      "enum": [
       "pending",
       "done",
       "absent",
       "refused",
       "not_applicable"
      ]
     },
     "answers": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     },
     "note": {
      "type": "string",
      "nullable": true
     },
     "submitted_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "submitted_by": {
      "type": "string",
      "nullable": true
     },
     "revision": {
      "type": "integer"
     },
     "path": {
      "type": "string"
     }
    }
   },
   "Submission": {
    "type": "object",
    "required": [
     "assignment_id",
     "outcome"
    ],
    "properties": {
     "key": {
      "type": "string",
      "minLength": 8,
      "maxLength": 100,
      "description": "Client-made idempotency key; or send the Idempotency-Key header"
     },
     "assignment_id": {
      "type": "integer"
     },
     "outcome": {
      "type": "string",
      "enum": [
       "done",
       "absent",
       "refused",
       "not_applicable"
      ]
     },
     "answers": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     },
     "note": {
      "type": "string"
     },
     "photos": {
      "type": "array",
      "description": "Ids of photos uploaded by the same account through POST /photos and not yet on a record; at most 3 by default (GRASSROOTS_PHOTOS_PER_RECORD)",
      "items": {
       "type": "integer"
      }
     }
    }
   },
   "SubmissionResult": {
    "type": "object",
    "properties": {
     "assignment_id": {
      "type": "integer"
     },
     "directive_id": {
      "type": "integer"
     },
     "outcome": {
      "type": "string"
     },
     "received_at": {
      "type": "string",
      "format": "date-time"
     },
     "replayed": {
      "type": "boolean"
     },
     "changed": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "unit_id": {
         "type": "integer"
        },
        "path": {
         "type": "string"
        },
        "counts": {
         "$ref": "#/components/schemas/ProgressCounts"
        },
        "last_report_at": {
         "type": "string",
         "format": "date-time",
         "nullable": true
        }
       }
      }
     }
    }
   },
   "Notification": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "directive_id": {
      "type": "integer"
     },
     "subject_unit_id": {
      "type": "integer"
     },
     "reason": {
      "type": "string",
      "enum": [
       "stalled",
       "overdue"
      ]
     },
     "message": {
      "type": "object",
      "properties": {
       "zh": {
        "type": "string"
       },
       "en": {
        "type": "string"
       }
      }
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "read": {
      "type": "boolean"
     }
    }
   },
   "Department": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "code": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "name_en": {
      "type": "string"
     }
    }
   },
   "Station": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "police_station",
       "health_centre",
       "family_doctor_team",
       "enforcement_squad",
       "other"
      ]
     },
     "street_unit_id": {
      "type": "integer"
     },
     "street_name": {
      "type": "string"
     }
    }
   },
   "SummonsClocks": {
    "type": "object",
    "properties": {
     "respond_due": {
      "type": "string",
      "format": "date-time"
     },
     "arrive_due": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "resolve_due": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "SummonsTarget": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "summons_id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "station_id": {
      "type": "integer",
      "nullable": true
     },
     "station_name": {
      "type": "string",
      "nullable": true
     },
     "status": {
      "type": "string",
      "enum": [
       "summoned",
       "accepted",
       "arrived",
       "closure_requested",
       "closed",
       "returned"
      ]
     },
     "clocks": {
      "$ref": "#/components/schemas/SummonsClocks",
      "nullable": true
     },
     "accepted_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "arrived_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "closure_requested_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "closed_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "returned_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "pending_request": {
      "type": "string",
      "enum": [
       "extension",
       "return"
      ],
      "nullable": true
     },
     "pending_until": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "pending_reason": {
      "type": "string",
      "nullable": true
     }
    }
   },
   "Summons": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "street_unit_id": {
      "type": "integer"
     },
     "street_name": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "raised_unit_id": {
      "type": "integer"
     },
     "matter": {
      "type": "string",
      "enum": [
       "resident_problem",
       "joint_enforcement",
       "emergency"
      ]
     },
     "urgency": {
      "type": "string",
      "enum": [
       "emergency",
       "general",
       "complex"
      ]
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "pending_street",
       "open",
       "closed",
       "declined"
      ]
     },
     "created_by": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "sent_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "closed_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     },
     "targets": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/SummonsTarget"
      }
     }
    }
   },
   "SummonsEvent": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "target_id": {
      "type": "integer",
      "nullable": true
     },
     "at": {
      "type": "string",
      "format": "date-time"
     },
     "username": {
      "type": "string"
     },
     "side": {
      "type": "string",
      "enum": [
       "street",
       "department"
      ]
     },
     "action": {
      "type": "string"
     },
     "note": {
      "type": "string"
     }
    }
   },
   "SummonsInput": {
    "type": "object",
    "required": [
     "unit_id",
     "matter",
     "urgency",
     "title",
     "description"
    ],
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "matter": {
      "type": "string",
      "enum": [
       "resident_problem",
       "joint_enforcement",
       "emergency"
      ]
     },
     "urgency": {
      "type": "string",
      "enum": [
       "emergency",
       "general",
       "complex"
      ]
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "department_ids": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     },
     "station_ids": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     }
    }
   },
   "SummonsDecision": {
    "type": "object",
    "required": [
     "send"
    ],
    "properties": {
     "send": {
      "type": "boolean"
     },
     "note": {
      "type": "string"
     }
    }
   },
   "SummonsStep": {
    "type": "object",
    "required": [
     "action"
    ],
    "properties": {
     "action": {
      "type": "string",
      "enum": [
       "accept",
       "arrive",
       "record",
       "request_closure",
       "request_extension",
       "request_return",
       "close",
       "reopen",
       "approve_request",
       "deny_request"
      ]
     },
     "note": {
      "type": "string"
     },
     "until": {
      "type": "string",
      "description": "Beijing time; the new resolution limit an extension asks for"
     }
    }
   },
   "EvaluationPart": {
    "type": "object",
    "properties": {
     "component": {
      "type": "string"
     },
     "share": {
      "type": "object",
      "properties": {
       "hits": {
        "type": "integer"
       },
       "of": {
        "type": "integer"
       }
      },
      "nullable": true
     },
     "stars": {
      "type": "integer",
      "nullable": true
     },
     "value": {
      "type": "number",
      "nullable": true
     }
    }
   },
   "EvaluationRow": {
    "type": "object",
    "properties": {
     "period": {
      "type": "string"
     },
     "rater": {
      "type": "string",
      "enum": [
       "street",
       "department"
      ]
     },
     "street_unit_id": {
      "type": "integer"
     },
     "street_name": {
      "type": "string"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "parts": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/EvaluationPart"
      }
     },
     "weights": {
      "type": "object",
      "additionalProperties": {
       "type": "number"
      }
     },
     "score": {
      "type": "number",
      "nullable": true
     },
     "computed_at": {
      "type": "string",
      "format": "date-time",
      "nullable": true
     }
    }
   },
   "Rating": {
    "type": "object",
    "required": [
     "period",
     "street_unit_id",
     "department_id",
     "stars"
    ],
    "properties": {
     "period": {
      "type": "string"
     },
     "street_unit_id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "stars": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5
     },
     "comment": {
      "type": "string"
     }
    }
   },
   "AccessItem": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "code": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "statutory",
       "assisted"
      ]
     },
     "legal_basis": {
      "type": "string"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "funded": {
      "type": "boolean"
     },
     "authorized": {
      "type": "boolean"
     },
     "status": {
      "type": "string",
      "enum": [
       "applied",
       "approved",
       "listed",
       "rejected",
       "withdrawn"
      ]
     },
     "note": {
      "type": "string"
     }
    }
   },
   "Certificate": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "allowed": {
      "type": "boolean"
     },
     "basis": {
      "type": "string"
     }
    }
   },
   "DepartmentTask": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "access_item_id": {
      "type": "integer",
      "nullable": true
     },
     "community_unit_id": {
      "type": "integer"
     },
     "community_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "forms": {
      "type": "integer"
     },
     "inspections": {
      "type": "integer"
     },
     "status": {
      "type": "string",
      "enum": [
       "accepted",
       "refused",
       "pending_street",
       "approved",
       "rejected"
      ]
     },
     "reason": {
      "type": "string"
     },
     "submitted_by": {
      "type": "string"
     },
     "submitted_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "DepartmentTaskInput": {
    "type": "object",
    "required": [
     "title",
     "community_unit_id"
    ],
    "properties": {
     "title": {
      "type": "string"
     },
     "community_unit_id": {
      "type": "integer"
     },
     "access_item_id": {
      "type": "integer",
      "nullable": true
     },
     "forms": {
      "type": "integer"
     },
     "inspections": {
      "type": "integer"
     },
     "ask_street": {
      "type": "boolean"
     }
    }
   },
   "BurdenLine": {
    "type": "object",
    "properties": {
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "taken": {
      "type": "integer"
     },
     "kept_off": {
      "type": "integer"
     },
     "pending": {
      "type": "integer"
     },
     "forms": {
      "type": "integer"
     },
     "inspections": {
      "type": "integer"
     }
    }
   },
   "Cadre": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "tier": {
      "type": "string",
      "enum": [
       "street",
       "community",
       "agency"
      ]
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "position": {
      "type": "string"
     },
     "education": {
      "type": "string",
      "enum": [
       "postgraduate",
       "bachelor",
       "college",
       "secondary"
      ]
     },
     "grassroots_since": {
      "type": "string"
     },
     "specialties": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "tier",
     "unit_id",
     "unit_name",
     "path",
     "position",
     "education",
     "specialties"
    ]
   },
   "CadreInput": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "tier": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "position": {
      "type": "string"
     },
     "education": {
      "type": "string"
     },
     "grassroots_since": {
      "type": "string"
     },
     "specialties": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "tier",
     "position",
     "education"
    ]
   },
   "CadrePost": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "cadre_id": {
      "type": "integer"
     },
     "role": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "department_id": {
      "type": "integer"
     },
     "department_name": {
      "type": "string"
     },
     "move": {
      "type": "string"
     },
     "starts_on": {
      "type": "string"
     },
     "ends_on": {
      "type": "string"
     },
     "note": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "cadre_id",
     "role",
     "title",
     "move",
     "starts_on",
     "note"
    ]
   },
   "PostInput": {
    "type": "object",
    "properties": {
     "role": {
      "type": "string",
      "enum": [
       "party_secretary",
       "deputy_secretary",
       "committee_director",
       "committee_member",
       "street_leader",
       "department_post",
       "civil_service",
       "other"
      ]
     },
     "title": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "department_id": {
      "type": "integer"
     },
     "move": {
      "type": "string",
      "enum": [
       "appointment",
       "agency_to_grassroots",
       "grassroots_to_agency",
       "secretary_to_civil_service",
       "street_leader_to_department"
      ]
     },
     "starts_on": {
      "type": "string"
     },
     "note": {
      "type": "string"
     },
     "ends_current": {
      "type": "boolean",
      "description": "A move: the cadre's open posts end on startsOn and the cadre's unit follows"
     }
    },
    "required": [
     "role",
     "title",
     "move",
     "starts_on"
    ]
   },
   "Course": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "required": {
      "type": "boolean"
     },
     "required_hours": {
      "type": "number"
     }
    },
    "required": [
     "id",
     "title",
     "category",
     "required",
     "required_hours"
    ]
   },
   "CourseInput": {
    "type": "object",
    "properties": {
     "title": {
      "type": "string"
     },
     "category": {
      "type": "string",
      "enum": [
       "governance",
       "emergency",
       "law",
       "party",
       "other"
      ]
     },
     "required": {
      "type": "boolean"
     },
     "required_hours": {
      "type": "number"
     }
    },
    "required": [
     "title",
     "category",
     "required",
     "required_hours"
    ]
   },
   "TrainingSession": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "course_id": {
      "type": "integer"
     },
     "course_title": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "held_on": {
      "type": "string"
     },
     "hours": {
      "type": "number"
     },
     "place": {
      "type": "string"
     },
     "attendees": {
      "type": "integer"
     }
    },
    "required": [
     "id",
     "course_id",
     "course_title",
     "unit_id",
     "unit_name",
     "path",
     "held_on",
     "hours",
     "place",
     "attendees"
    ]
   },
   "TrainingSessionInput": {
    "type": "object",
    "properties": {
     "course_id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "held_on": {
      "type": "string"
     },
     "hours": {
      "type": "number"
     },
     "place": {
      "type": "string"
     }
    },
    "required": [
     "course_id",
     "unit_id",
     "held_on",
     "hours",
     "place"
    ]
   },
   "Attendance": {
    "type": "object",
    "properties": {
     "session_id": {
      "type": "integer"
     },
     "cadre_id": {
      "type": "integer"
     },
     "cadre_name": {
      "type": "string"
     },
     "course_title": {
      "type": "string"
     },
     "held_on": {
      "type": "string"
     },
     "hours": {
      "type": "number"
     }
    },
    "required": [
     "session_id",
     "cadre_id",
     "cadre_name",
     "course_title",
     "held_on",
     "hours"
    ]
   },
   "AttendanceInput": {
    "type": "object",
    "properties": {
     "attendance": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "cadre_id": {
         "type": "integer"
        },
        "hours": {
         "type": "number"
        }
       },
       "required": [
        "cadre_id",
        "hours"
       ]
      }
     }
    },
    "required": [
     "attendance"
    ]
   },
   "CourseStanding": {
    "type": "object",
    "properties": {
     "course": {
      "$ref": "#/components/schemas/Course"
     },
     "hours": {
      "type": "number"
     }
    },
    "required": [
     "course",
     "hours"
    ]
   },
   "Secondment": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "cadre_id": {
      "type": "integer"
     },
     "cadre_name": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "origin": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "starts_on": {
      "type": "string"
     },
     "ends_on": {
      "type": "string"
     },
     "goals": {
      "type": "string"
     },
     "outcome": {
      "type": "string",
      "enum": [
       "excellent",
       "competent",
       "basically_competent",
       "incompetent"
      ]
     },
     "review": {
      "type": "string"
     },
     "reviewed_by": {
      "type": "string"
     },
     "reviewed_on": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "cadre_id",
     "cadre_name",
     "kind",
     "origin",
     "unit_id",
     "unit_name",
     "path",
     "starts_on",
     "ends_on",
     "goals"
    ]
   },
   "SecondmentInput": {
    "type": "object",
    "properties": {
     "cadre_id": {
      "type": "integer"
     },
     "kind": {
      "type": "string",
      "enum": [
       "first_secretary",
       "community_commissioner",
       "agency_to_street",
       "community_to_property",
       "property_to_community"
      ]
     },
     "origin": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "starts_on": {
      "type": "string"
     },
     "ends_on": {
      "type": "string"
     },
     "goals": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "origin",
     "starts_on",
     "ends_on",
     "goals"
    ]
   },
   "ReviewInput": {
    "type": "object",
    "properties": {
     "outcome": {
      "type": "string"
     },
     "review": {
      "type": "string"
     }
    },
    "required": [
     "outcome",
     "review"
    ]
   },
   "CadreDetail": {
    "type": "object",
    "properties": {
     "cadre": {
      "$ref": "#/components/schemas/Cadre"
     },
     "posts": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CadrePost"
      }
     },
     "attendance": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Attendance"
      }
     },
     "courses": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CourseStanding"
      }
     },
     "secondments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Secondment"
      }
     }
    },
    "required": [
     "cadre",
     "posts",
     "attendance",
     "courses",
     "secondments"
    ]
   },
   "CadreEvaluation": {
    "type": "object",
    "properties": {
     "period": {
      "type": "string"
     },
     "yearly_hours": {
      "type": "number"
     },
     "weights": {
      "type": "object",
      "properties": {
       "weights": {
        "type": "object",
        "additionalProperties": {
         "type": "number"
        }
       }
      },
      "required": [
       "weights"
      ]
     },
     "rows": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "cadre": {
         "$ref": "#/components/schemas/Cadre"
        },
        "score": {
         "type": "number"
        },
        "parts": {
         "type": "object",
         "properties": {
          "required_training": {
           "type": "object",
           "properties": {
            "hits": {
             "type": "integer"
            },
            "of": {
             "type": "integer"
            }
           },
           "required": [
            "hits",
            "of"
           ]
          },
          "hours": {
           "type": "number"
          },
          "hours_target": {
           "type": "number"
          },
          "reviews": {
           "type": "array",
           "items": {
            "type": "string"
           }
          },
          "coverage": {
           "type": "object",
           "properties": {
            "hits": {
             "type": "integer"
            },
            "of": {
             "type": "integer"
            }
           },
           "required": [
            "hits",
            "of"
           ]
          },
          "reach": {
           "type": "object",
           "properties": {
            "hits": {
             "type": "integer"
            },
            "of": {
             "type": "integer"
            }
           },
           "required": [
            "hits",
            "of"
           ]
          }
         },
         "required": [
          "required_training",
          "hours",
          "hours_target",
          "reviews",
          "coverage",
          "reach"
         ]
        },
        "areas": {
         "type": "array",
         "items": {
          "type": "object",
          "properties": {
           "unit_id": {
            "type": "integer"
           },
           "unit_name": {
            "type": "string"
           },
           "path": {
            "type": "string"
           },
           "coverage": {
            "type": "object",
            "properties": {
             "hits": {
              "type": "integer"
             },
             "of": {
              "type": "integer"
             }
            },
            "required": [
             "hits",
             "of"
            ]
           },
           "reach": {
            "type": "object",
            "properties": {
             "hits": {
              "type": "integer"
             },
             "of": {
              "type": "integer"
             }
            },
            "required": [
             "hits",
             "of"
            ]
           }
          },
          "required": [
           "unit_id",
           "unit_name",
           "path",
           "coverage",
           "reach"
          ]
         }
        }
       },
       "required": [
        "cadre",
        "parts",
        "areas"
       ]
      }
     }
    },
    "required": [
     "period",
     "weights",
     "yearly_hours",
     "rows"
    ]
   },
   "CommunityLeadership": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "secretary": {
      "type": "string"
     },
     "director": {
      "type": "string"
     },
     "one_shoulder": {
      "type": "boolean"
     }
    },
    "required": [
     "unit_id",
     "unit_name",
     "one_shoulder"
    ]
   },
   "UnitCadreRecord": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "trained": {
      "type": "object",
      "properties": {
       "hits": {
        "type": "integer"
       },
       "of": {
        "type": "integer"
       }
      },
      "required": [
       "hits",
       "of"
      ]
     },
     "hours": {
      "type": "number"
     },
     "seconded_in": {
      "type": "integer"
     },
     "coverage": {
      "type": "object",
      "properties": {
       "hits": {
        "type": "integer"
       },
       "of": {
        "type": "integer"
       }
      },
      "required": [
       "hits",
       "of"
      ]
     },
     "reach": {
      "type": "object",
      "properties": {
       "hits": {
        "type": "integer"
       },
       "of": {
        "type": "integer"
       }
      },
      "required": [
       "hits",
       "of"
      ]
     }
    },
    "required": [
     "unit_id",
     "unit_name",
     "kind",
     "trained",
     "hours",
     "seconded_in",
     "coverage",
     "reach"
    ]
   },
   "ServiceRequest": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "kind": {
      "type": "string"
     },
     "category_id": {
      "type": "integer"
     },
     "category_name": {
      "type": "string"
     },
     "service_code": {
      "type": "string"
     },
     "time_class": {
      "type": "string"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "handler_unit_id": {
      "type": "integer"
     },
     "handler_name": {
      "type": "string"
     },
     "handler_path": {
      "type": "string"
     },
     "level": {
      "type": "string",
      "enum": [
       "city",
       "street",
       "community",
       "grid",
       "department"
      ]
     },
     "summons_id": {
      "type": "integer"
     },
     "address": {
      "type": "string"
     },
     "latitude": {
      "type": "number"
     },
     "longitude": {
      "type": "number"
     },
     "description": {
      "type": "string"
     },
     "contact_name": {
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "account_id": {
      "type": "integer"
     },
     "status": {
      "type": "string",
      "enum": [
       "submitted",
       "accepted",
       "replied",
       "closed"
      ]
     },
     "status_note": {
      "type": "string"
     },
     "is_public": {
      "type": "boolean",
      "description": "The resident agreed to it being listed publicly over Open311 (coarsened)"
     },
     "category_public": {
      "type": "boolean",
      "description": "Its category is public by the city's configuration"
     },
     "public_reply": {
      "type": "string",
      "description": "The answer written for the public (Open311 status_notes)"
     },
     "respond_by": {
      "type": "string"
     },
     "resolve_by": {
      "type": "string"
     },
     "responded_at": {
      "type": "string"
     },
     "replied_at": {
      "type": "string"
     },
     "withdrawn": {
      "type": "boolean"
     },
     "solved": {
      "type": "boolean"
     },
     "satisfaction": {
      "type": "string"
     },
     "feedback_comment": {
      "type": "string"
     },
     "flag_reason": {
      "type": "string"
     },
     "flag_note": {
      "type": "string"
     },
     "flag_status": {
      "type": "string"
     },
     "created_at": {
      "type": "string"
     },
     "updated_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "kind",
     "category_id",
     "category_name",
     "service_code",
     "time_class",
     "unit_id",
     "unit_name",
     "path",
     "handler_unit_id",
     "handler_name",
     "handler_path",
     "level",
     "address",
     "description",
     "contact_name",
     "source",
     "status",
     "status_note",
     "respond_by",
     "resolve_by",
     "withdrawn",
     "created_at",
     "updated_at"
    ]
   },
   "RequestInput": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "consultation",
       "help",
       "complaint",
       "report",
       "suggestion"
      ]
     },
     "category_id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "address": {
      "type": "string"
     },
     "lat": {
      "type": "number"
     },
     "long": {
      "type": "number"
     },
     "description": {
      "type": "string"
     },
     "contact_name": {
      "type": "string"
     },
     "contact_phone": {
      "type": "string"
     },
     "is_public": {
      "type": "boolean",
      "description": "List it publicly over Open311, with only the compound or community and no name, phone or door"
     }
    },
    "required": [
     "kind",
     "description"
    ]
   },
   "RequestEvent": {
    "type": "object",
    "properties": {
     "action": {
      "type": "string"
     },
     "actor": {
      "type": "string"
     },
     "unit_name": {
      "type": "string"
     },
     "note": {
      "type": "string"
     },
     "at": {
      "type": "string"
     }
    },
    "required": [
     "action",
     "actor",
     "unit_name",
     "note",
     "at"
    ]
   },
   "RequestDetail": {
    "type": "object",
    "properties": {
     "request": {
      "$ref": "#/components/schemas/ServiceRequest"
     },
     "timeline": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RequestEvent"
      }
     }
    },
    "required": [
     "request",
     "timeline"
    ]
   },
   "RequestStep": {
    "type": "object",
    "properties": {
     "action": {
      "type": "string",
      "enum": [
       "accept",
       "reply",
       "note",
       "escalate",
       "dispatch",
       "summon"
      ]
     },
     "note": {
      "type": "string"
     },
     "public_reply": {
      "type": "string",
      "maxLength": 500,
      "description": "With a reply: the answer for the public list (Open311 status_notes)"
     },
     "unit_id": {
      "type": "integer"
     },
     "department_ids": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     }
    },
    "required": [
     "action"
    ]
   },
   "RequestFeedback": {
    "type": "object",
    "properties": {
     "solved": {
      "type": "boolean"
     },
     "satisfaction": {
      "type": "string",
      "enum": [
       "satisfied",
       "basically_satisfied",
       "dissatisfied"
      ]
     },
     "comment": {
      "type": "string"
     }
    },
    "required": [
     "solved",
     "satisfaction"
    ]
   },
   "RequestFlag": {
    "type": "object",
    "properties": {
     "reason": {
      "type": "string",
      "enum": [
       "unreasonable",
       "outside_powers"
      ]
     },
     "note": {
      "type": "string"
     }
    },
    "required": [
     "reason",
     "note"
    ]
   },
   "FlagDecision": {
    "type": "object",
    "properties": {
     "approve": {
      "type": "boolean"
     },
     "note": {
      "type": "string"
     }
    },
    "required": [
     "approve"
    ]
   },
   "RequestCategory": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "parent_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "name_en": {
      "type": "string"
     },
     "time_class": {
      "type": "string"
     },
     "service_code": {
      "type": "string"
     },
     "active": {
      "type": "boolean"
     },
     "is_public": {
      "type": "boolean",
      "description": "Requests of this category are listed publicly over Open311 whatever the resident chose"
     }
    },
    "required": [
     "id",
     "name",
     "name_en",
     "active"
    ]
   },
   "UnitRates": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "requests": {
      "type": "integer"
     },
     "tally": {
      "type": "object",
      "properties": {
       "due": {
        "type": "integer"
       },
       "responded_on_time": {
        "type": "integer"
       },
       "follow_ups": {
        "type": "integer"
       },
       "solved": {
        "type": "integer"
       },
       "satisfied": {
        "type": "integer"
       },
       "basically_satisfied": {
        "type": "integer"
       },
       "dissatisfied": {
        "type": "integer"
       },
       "excluded": {
        "type": "integer"
       }
      },
      "required": [
       "due",
       "responded_on_time",
       "follow_ups",
       "solved",
       "satisfied",
       "basically_satisfied",
       "dissatisfied",
       "excluded"
      ]
     },
     "rates": {
      "type": "object",
      "additionalProperties": {
       "type": "number"
      }
     },
     "composite": {
      "type": "number"
     }
    },
    "required": [
     "unit_id",
     "unit_name",
     "requests",
     "tally",
     "rates"
    ]
   },
   "RequestRates": {
    "type": "object",
    "properties": {
     "period": {
      "type": "string"
     },
     "settings": {
      "type": "object",
      "properties": {
       "weights": {
        "type": "object",
        "additionalProperties": {
         "type": "number"
        }
       },
       "basically_factor": {
        "type": "number"
       }
      },
      "required": [
       "weights",
       "basically_factor"
      ]
     },
     "unit": {
      "$ref": "#/components/schemas/UnitRates"
     },
     "children": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/UnitRates"
      }
     }
    },
    "required": [
     "period",
     "settings",
     "unit",
     "children"
    ]
   },
   "Topic": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "raised_by": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "discussion",
       "voting",
       "rejected",
       "publicized",
       "in_progress",
       "done"
      ]
     },
     "resolution": {
      "type": "string"
     },
     "published_at": {
      "type": "string"
     },
     "publicity_until": {
      "type": "string"
     },
     "progress": {
      "type": "integer"
     },
     "created_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "unit_id",
     "unit_name",
     "path",
     "title",
     "description",
     "raised_by",
     "status",
     "progress",
     "created_at"
    ]
   },
   "TopicInput": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     }
    },
    "required": [
     "unit_id",
     "title",
     "description"
    ]
   },
   "TopicPost": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string"
     },
     "author": {
      "type": "string"
     },
     "body": {
      "type": "string"
     },
     "held_at": {
      "type": "string"
     },
     "place": {
      "type": "string"
     },
     "attendees": {
      "type": "integer"
     },
     "progress": {
      "type": "integer"
     },
     "at": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "author",
     "body",
     "at"
    ]
   },
   "Vote": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "topic_id": {
      "type": "integer"
     },
     "question": {
      "type": "string"
     },
     "rule": {
      "type": "string",
      "enum": [
       "residents",
       "households"
      ]
     },
     "count": {
      "type": "object",
      "properties": {
       "eligible": {
        "type": "integer"
       },
       "yes": {
        "type": "integer"
       },
       "no": {
        "type": "integer"
       },
       "abstain": {
        "type": "integer"
       },
       "quorum_percent": {
        "type": "integer"
       },
       "majority_percent": {
        "type": "integer"
       }
      },
      "required": [
       "eligible",
       "yes",
       "no",
       "abstain",
       "quorum_percent",
       "majority_percent"
      ]
     },
     "opens_at": {
      "type": "string"
     },
     "closes_at": {
      "type": "string"
     },
     "closed_at": {
      "type": "string"
     },
     "result": {
      "type": "string",
      "enum": [
       "passed",
       "failed",
       "no_quorum"
      ]
     }
    },
    "required": [
     "id",
     "topic_id",
     "question",
     "rule",
     "count",
     "opens_at",
     "closes_at"
    ]
   },
   "TopicDetail": {
    "type": "object",
    "properties": {
     "topic": {
      "$ref": "#/components/schemas/Topic"
     },
     "posts": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TopicPost"
      }
     },
     "vote": {
      "$ref": "#/components/schemas/Vote"
     }
    },
    "required": [
     "topic",
     "posts"
    ]
   },
   "CommentInput": {
    "type": "object",
    "properties": {
     "body": {
      "type": "string"
     }
    },
    "required": [
     "body"
    ]
   },
   "BallotInput": {
    "type": "object",
    "properties": {
     "choice": {
      "type": "string",
      "enum": [
       "yes",
       "no",
       "abstain"
      ]
     },
     "household_id": {
      "type": "integer"
     },
     "room": {
      "type": "string",
      "maxLength": 60,
      "description": "Household rule, staff: the room as staff name it (1-102), optionally after its compound and building (阳光公寓 1栋 1-102), within the topic's area; used when household_id is absent"
     },
     "building_id": {
      "type": "integer",
      "description": "The building the room is in, when picked"
     },
     "resident_id": {
      "type": "integer"
     }
    },
    "required": [
     "choice"
    ]
   },
   "FundEntry": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "kind": {
      "type": "string",
      "enum": [
       "donation",
       "grant",
       "disbursement",
       "reversal"
      ]
     },
     "amount_fen": {
      "type": "integer"
     },
     "direction": {
      "type": "integer"
     },
     "party": {
      "type": "string"
     },
     "topic_id": {
      "type": "integer"
     },
     "topic_title": {
      "type": "string"
     },
     "project": {
      "type": "string"
     },
     "reverses_id": {
      "type": "integer"
     },
     "reversed_by": {
      "type": "integer"
     },
     "memo": {
      "type": "string"
     },
     "balance_after_fen": {
      "type": "integer"
     },
     "created_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "kind",
     "amount_fen",
     "direction",
     "party",
     "memo",
     "balance_after_fen",
     "created_at"
    ]
   },
   "FundEntryInput": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "donation",
       "grant",
       "disbursement"
      ]
     },
     "amount": {
      "type": "string",
      "description": "yuan, e.g. 1234.50"
     },
     "party": {
      "type": "string"
     },
     "topic_id": {
      "type": "integer"
     },
     "project": {
      "type": "string"
     },
     "memo": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "amount",
     "party"
    ]
   },
   "FundLedger": {
    "type": "object",
    "properties": {
     "community_id": {
      "type": "integer"
     },
     "community_name": {
      "type": "string"
     },
     "community_code": {
      "type": "string"
     },
     "income_fen": {
      "type": "integer"
     },
     "spending_fen": {
      "type": "integer"
     },
     "balance_fen": {
      "type": "integer"
     },
     "entries": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FundEntry"
      }
     }
    },
    "required": [
     "community_id",
     "community_name",
     "income_fen",
     "spending_fen",
     "balance_fen",
     "entries"
    ]
   },
   "Notice": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "body": {
      "type": "string"
     },
     "ask_ack": {
      "type": "boolean"
     },
     "households": {
      "type": "integer"
     },
     "acknowledged": {
      "type": "integer"
     },
     "published_by": {
      "type": "string"
     },
     "published_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "unit_id",
     "unit_name",
     "title",
     "body",
     "ask_ack",
     "households",
     "acknowledged",
     "published_by",
     "published_at"
    ]
   },
   "NoticeInput": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "body": {
      "type": "string"
     },
     "ask_ack": {
      "type": "boolean"
     },
     "text_households": {
      "type": "boolean",
      "description": "Also text every household of the unit (SMS, after the quiet hours)."
     }
    },
    "required": [
     "unit_id",
     "title",
     "body"
    ]
   },
   "CommunityPage": {
    "type": "object",
    "properties": {
     "community_name": {
      "type": "string"
     },
     "code": {
      "type": "string"
     },
     "info": {
      "type": "object",
      "properties": {
       "opening_hours": {
        "type": "string"
       },
       "online_matters": {
        "type": "string"
       },
       "phone": {
        "type": "string"
       },
       "address": {
        "type": "string"
       }
      },
      "required": [
       "opening_hours",
       "online_matters",
       "phone",
       "address"
      ]
     },
     "grid_workers": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "grid": {
         "type": "string"
        },
        "names": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       },
       "required": [
        "grid",
        "names"
       ]
      }
     },
     "notices": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Notice"
      }
     }
    },
    "required": [
     "community_name",
     "code",
     "grid_workers",
     "notices"
    ]
   },
   "MemberUnit": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "community_id": {
      "type": "integer"
     },
     "community_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "liaison_name": {
      "type": "string"
     },
     "venues": {
      "type": "string"
     },
     "skills": {
      "type": "string"
     },
     "funds": {
      "type": "string"
     },
     "volunteers": {
      "type": "integer"
     },
     "joint_committee": {
      "type": "string",
      "enum": [
       "none",
       "community",
       "street"
      ]
     },
     "commitment": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "kind",
     "community_id",
     "community_name",
     "path",
     "liaison_name",
     "venues",
     "skills",
     "funds",
     "volunteers",
     "joint_committee",
     "commitment"
    ]
   },
   "MemberUnitInput": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "agency",
       "institution",
       "enterprise",
       "social_organization"
      ]
     },
     "community_id": {
      "type": "integer"
     },
     "liaison_name": {
      "type": "string"
     },
     "liaison_phone": {
      "type": "string"
     },
     "venues": {
      "type": "string"
     },
     "skills": {
      "type": "string"
     },
     "funds": {
      "type": "string"
     },
     "volunteers": {
      "type": "integer"
     },
     "joint_committee": {
      "type": "string"
     },
     "commitment": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "kind",
     "community_id",
     "liaison_name"
    ]
   },
   "MemberRegistration": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "account_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "employer": {
      "type": "string"
     },
     "employer_party_org": {
      "type": "string"
     },
     "community_id": {
      "type": "integer"
     },
     "community_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "grid_name": {
      "type": "string"
     },
     "compound_name": {
      "type": "string"
     },
     "posts": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "status": {
      "type": "string",
      "enum": [
       "pending",
       "approved",
       "rejected"
      ]
     }
    },
    "required": [
     "id",
     "account_id",
     "name",
     "employer",
     "employer_party_org",
     "community_id",
     "community_name",
     "path",
     "posts",
     "status"
    ]
   },
   "MemberRegistrationInput": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "employer": {
      "type": "string"
     },
     "employer_party_org": {
      "type": "string"
     },
     "community_id": {
      "type": "integer"
     },
     "posts": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "name",
     "employer",
     "employer_party_org",
     "community_id",
     "posts"
    ]
   },
   "Need": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "community_id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "open",
       "project",
       "accepted"
      ]
     },
     "claimant": {
      "type": "string"
     },
     "member_unit_id": {
      "type": "integer"
     },
     "member_id": {
      "type": "integer"
     },
     "commitment": {
      "type": "string"
     },
     "progress": {
      "type": "integer"
     },
     "created_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "community_id",
     "title",
     "description",
     "status",
     "progress",
     "created_at"
    ]
   },
   "ClaimInput": {
    "type": "object",
    "properties": {
     "commitment": {
      "type": "string"
     },
     "member_unit_id": {
      "type": "integer"
     }
    },
    "required": [
     "commitment"
    ]
   },
   "CommunityEvent": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "community_id": {
      "type": "integer"
     },
     "community_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "place": {
      "type": "string"
     },
     "starts_at": {
      "type": "string"
     },
     "ends_at": {
      "type": "string"
     },
     "capacity": {
      "type": "integer"
     },
     "signed_up": {
      "type": "integer"
     },
     "updated_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "community_id",
     "community_name",
     "path",
     "kind",
     "title",
     "description",
     "place",
     "starts_at",
     "ends_at",
     "capacity",
     "signed_up",
     "updated_at"
    ]
   },
   "SignupInput": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     }
    },
    "required": [
     "name"
    ]
   },
   "ServiceHours": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "who": {
      "type": "string"
     },
     "member_id": {
      "type": "integer"
     },
     "member_unit_id": {
      "type": "integer"
     },
     "activity": {
      "type": "string"
     },
     "served_on": {
      "type": "string"
     },
     "hours": {
      "type": "number"
     },
     "description": {
      "type": "string"
     },
     "status": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "who",
     "activity",
     "served_on",
     "hours",
     "description",
     "status"
    ]
   },
   "ServiceHoursInput": {
    "type": "object",
    "properties": {
     "member_id": {
      "type": "integer"
     },
     "member_unit_id": {
      "type": "integer"
     },
     "event_id": {
      "type": "integer"
     },
     "need_id": {
      "type": "integer"
     },
     "served_on": {
      "type": "string"
     },
     "hours": {
      "type": "number"
     },
     "description": {
      "type": "string"
     }
    },
    "required": [
     "served_on",
     "hours",
     "description"
    ]
   },
   "UnitCheckup": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "households": {
      "type": "integer"
     },
     "period": {
      "type": "string"
     },
     "scores": {
      "type": "object",
      "properties": {
       "values": {
        "type": "array",
        "items": {
         "type": "object",
         "properties": {
          "measure": {
           "type": "string"
          },
          "share": {
           "type": "object",
           "properties": {
            "hits": {
             "type": "integer"
            },
            "of": {
             "type": "integer"
            }
           },
           "required": [
            "hits",
            "of"
           ]
          },
          "ratio": {
           "type": "number"
          },
          "is_ratio": {
           "type": "boolean"
          }
         },
         "required": [
          "measure",
          "share",
          "is_ratio"
         ]
        }
       }
      },
      "required": [
       "values"
      ]
     },
     "overall": {
      "type": "number"
     }
    },
    "required": [
     "unit_id",
     "unit_name",
     "kind",
     "households",
     "period",
     "scores"
    ]
   },
   "CheckupReport": {
    "type": "object",
    "properties": {
     "unit": {
      "$ref": "#/components/schemas/UnitCheckup"
     },
     "trend": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/UnitCheckup"
      }
     },
     "siblings": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/UnitCheckup"
      }
     },
     "children": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/UnitCheckup"
      }
     }
    },
    "required": [
     "unit",
     "trend",
     "siblings",
     "children"
    ]
   },
   "PlanAction": {
    "type": "object",
    "required": [
     "kind",
     "title"
    ],
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "directive",
       "summons",
       "notice"
      ]
     },
     "title": {
      "type": "string"
     },
     "directive_kind": {
      "type": "string",
      "enum": [
       "screening",
       "visit",
       "notice",
       "survey",
       "inspection",
       "supply",
       "custom"
      ]
     },
     "target": {
      "type": "string",
      "enum": [
       "households",
       "households_with_category",
       "residents_with_category",
       "compounds",
       "buildings"
      ]
     },
     "category": {
      "type": "string"
     },
     "responsible": {
      "type": "string",
      "enum": [
       "grid_worker",
       "building_leader",
       "compound_staff"
      ]
     },
     "deadline_hours": {
      "type": "integer",
      "minimum": 1,
      "maximum": 720
     },
     "instructions": {
      "type": "string"
     },
     "form": {
      "type": "object",
      "properties": {
       "fields": {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/FormField"
        }
       }
      }
     },
     "department_ids": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     },
     "matter": {
      "type": "string",
      "enum": [
       "resident_problem",
       "joint_enforcement",
       "emergency"
      ]
     },
     "body": {
      "type": "string"
     }
    }
   },
   "Plan": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "event_kind": {
      "type": "string",
      "enum": [
       "epidemic",
       "flood",
       "earthquake",
       "fire",
       "geological",
       "weather",
       "other"
      ]
     },
     "summary": {
      "type": "string"
     },
     "levels": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "level": {
         "type": "string",
         "enum": [
          "IV",
          "III",
          "II",
          "I"
         ]
        },
        "actions": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/PlanAction"
         }
        }
       }
      }
     },
     "created_by": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "PlanInput": {
    "type": "object",
    "required": [
     "unit_id",
     "title",
     "event_kind",
     "actions"
    ],
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "event_kind": {
      "type": "string"
     },
     "summary": {
      "type": "string"
     },
     "actions": {
      "type": "object",
      "description": "Actions per response level, keyed IV, III, II, I",
      "additionalProperties": {
       "type": "array",
       "items": {
        "$ref": "#/components/schemas/PlanAction"
       }
      }
     }
    }
   },
   "PlanActionInput": {
    "type": "object",
    "required": [
     "level",
     "action"
    ],
    "properties": {
     "level": {
      "type": "string"
     },
     "action": {
      "$ref": "#/components/schemas/PlanAction"
     }
    }
   },
   "IncidentUnit": {
    "type": "object",
    "properties": {
     "unit_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     }
    }
   },
   "CapacityEstimate": {
    "type": "object",
    "properties": {
     "per_worker_hour": {
      "type": "number"
     },
     "grids": {
      "type": "integer"
     },
     "households": {
      "type": "integer"
     },
     "staff": {
      "type": "integer"
     },
     "unstaffed_grids": {
      "type": "integer"
     },
     "unstaffed_households": {
      "type": "integer"
     },
     "slowest_hours": {
      "type": "number"
     },
     "median_hours": {
      "type": "number"
     },
     "slowest_grid": {
      "type": "string"
     }
    }
   },
   "Incident": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "plan_id": {
      "type": "integer"
     },
     "plan_title": {
      "type": "string"
     },
     "event_kind": {
      "type": "string"
     },
     "level": {
      "type": "string"
     },
     "alert_id": {
      "type": "integer"
     },
     "unit_id": {
      "type": "integer"
     },
     "unit_name": {
      "type": "string"
     },
     "path": {
      "type": "string"
     },
     "drill": {
      "type": "boolean"
     },
     "status": {
      "type": "string",
      "enum": [
       "active",
       "stood_down"
      ]
     },
     "estimate": {
      "$ref": "#/components/schemas/CapacityEstimate"
     },
     "activated_by": {
      "type": "string"
     },
     "activated_at": {
      "type": "string",
      "format": "date-time"
     },
     "stood_down_at": {
      "type": "string",
      "format": "date-time"
     },
     "summary": {
      "type": "string"
     },
     "units": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/IncidentUnit"
      }
     },
     "items": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "kind": {
         "type": "string"
        },
        "id": {
         "type": "integer"
        },
        "title": {
         "type": "string"
        },
        "unit_name": {
         "type": "string"
        },
        "total": {
         "type": "integer"
        },
        "reached": {
         "type": "integer"
        },
        "status": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "ActivationInput": {
    "type": "object",
    "required": [
     "plan_id",
     "level",
     "drill"
    ],
    "properties": {
     "plan_id": {
      "type": "integer"
     },
     "level": {
      "type": "string"
     },
     "unit_ids": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     },
     "drill": {
      "type": "boolean"
     },
     "alert_id": {
      "type": "integer"
     },
     "per_worker_hour": {
      "type": "number"
     }
    }
   },
   "ReachTimes": {
    "type": "object",
    "properties": {
     "total": {
      "type": "integer"
     },
     "reached": {
      "type": "integer"
     },
     "to50": {
      "type": "number"
     },
     "to90": {
      "type": "number"
     },
     "to100": {
      "type": "number"
     }
    },
    "description": "Seconds from activation; absent while not reached"
   },
   "DrillReview": {
    "type": "object",
    "properties": {
     "incident": {
      "$ref": "#/components/schemas/Incident"
     },
     "cutoff": {
      "type": "string",
      "format": "date-time"
     },
     "overall": {
      "$ref": "#/components/schemas/ReachTimes"
     },
     "tiers": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "unit_id": {
         "type": "integer"
        },
        "name": {
         "type": "string"
        },
        "kind": {
         "type": "string"
        },
        "depth": {
         "type": "integer"
        },
        "times": {
         "$ref": "#/components/schemas/ReachTimes"
        }
       }
      }
     },
     "stalled_compounds": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "unit_id": {
         "type": "integer"
        },
        "name": {
         "type": "string"
        },
        "pending": {
         "type": "integer"
        },
        "last_report_at": {
         "type": "string",
         "format": "date-time"
        }
       }
      }
     },
     "silent_staff": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "name": {
         "type": "string"
        },
        "unit_name": {
         "type": "string"
        },
        "assignments": {
         "type": "integer"
        }
       }
      }
     },
     "history": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "incident_id": {
         "type": "integer"
        },
        "activated_at": {
         "type": "string",
         "format": "date-time"
        },
        "level": {
         "type": "string"
        },
        "drill": {
         "type": "boolean"
        },
        "times": {
         "$ref": "#/components/schemas/ReachTimes"
        },
        "estimated_hours": {
         "type": "number"
        }
       }
      }
     }
    }
   },
   "Alert": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "source": {
      "type": "string",
      "enum": [
       "received",
       "issued"
      ]
     },
     "identifier": {
      "type": "string"
     },
     "sender": {
      "type": "string"
     },
     "sent": {
      "type": "string",
      "format": "date-time"
     },
     "status": {
      "type": "string",
      "enum": [
       "Actual",
       "Exercise",
       "System",
       "Test",
       "Draft"
      ]
     },
     "msg_type": {
      "type": "string",
      "enum": [
       "Alert",
       "Update",
       "Cancel",
       "Ack",
       "Error"
      ]
     },
     "event": {
      "type": "string"
     },
     "severity": {
      "type": "string"
     },
     "urgency": {
      "type": "string"
     },
     "certainty": {
      "type": "string"
     },
     "headline": {
      "type": "string"
     },
     "area_desc": {
      "type": "string"
     },
     "state": {
      "type": "string",
      "enum": [
       "active",
       "updated",
       "cancelled"
      ]
     },
     "replaces_id": {
      "type": "integer"
     },
     "recorded_by": {
      "type": "string"
     },
     "recorded_at": {
      "type": "string",
      "format": "date-time"
     },
     "units": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/IncidentUnit"
      }
     }
    }
   },
   "Quarantine": {
    "type": "object",
    "description": "Health fields and names are masked for roles that may not see them",
    "properties": {
     "id": {
      "type": "integer"
     },
     "resident_id": {
      "type": "integer"
     },
     "household_id": {
      "type": "integer"
     },
     "resident_name": {
      "type": "string"
     },
     "location": {
      "type": "string"
     },
     "grid_name": {
      "type": "string"
     },
     "community_name": {
      "type": "string"
     },
     "place": {
      "type": "string"
     },
     "starts_on": {
      "type": "string"
     },
     "ends_on": {
      "type": "string"
     },
     "test_days": {
      "type": "array",
      "items": {
       "type": "integer"
      }
     },
     "status": {
      "type": "string",
      "enum": [
       "active",
       "ended"
      ]
     },
     "created_by": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "ended_at": {
      "type": "string",
      "format": "date-time"
     },
     "day_number": {
      "type": "integer"
     },
     "missed_days": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "checked_today": {
      "type": "boolean"
     },
     "test_due_today": {
      "type": "boolean"
     },
     "health_visible": {
      "type": "boolean"
     }
    }
   },
   "QuarantineCheck": {
    "type": "object",
    "properties": {
     "day": {
      "type": "string"
     },
     "temperature_tenths": {
      "type": "integer"
     },
     "temperature": {
      "type": "string"
     },
     "fever": {
      "type": "boolean"
     },
     "symptoms": {
      "type": "string"
     },
     "test_result": {
      "type": "string",
      "enum": [
       "",
       "pending",
       "negative",
       "positive"
      ]
     },
     "checked_by": {
      "type": "string"
     },
     "checked_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "QuarantineDetail": {
    "type": "object",
    "properties": {
     "quarantine": {
      "$ref": "#/components/schemas/Quarantine"
     },
     "checks": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/QuarantineCheck"
      }
     }
    }
   },
   "MissedCheck": {
    "type": "object",
    "properties": {
     "quarantine_id": {
      "type": "integer"
     },
     "resident_name": {
      "type": "string"
     },
     "location": {
      "type": "string"
     },
     "grid_name": {
      "type": "string"
     },
     "community_name": {
      "type": "string"
     },
     "day": {
      "type": "string"
     },
     "days_ago": {
      "type": "integer"
     }
    }
   },
   "QuarantineInput": {
    "type": "object",
    "required": [
     "resident_id",
     "place",
     "starts_on",
     "ends_on"
    ],
    "properties": {
     "resident_id": {
      "type": "integer"
     },
     "place": {
      "type": "string"
     },
     "starts_on": {
      "type": "string"
     },
     "ends_on": {
      "type": "string"
     },
     "test_days": {
      "type": "string",
      "description": "day numbers, e.g. 1,3,7"
     }
    }
   },
   "CheckInput": {
    "type": "object",
    "required": [
     "temperature"
    ],
    "properties": {
     "temperature": {
      "type": "string",
      "description": "°C, e.g. 36.8"
     },
     "symptoms": {
      "type": "string"
     },
     "test_result": {
      "type": "string"
     }
    }
   },
   "SupplyRequest": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "household_id": {
      "type": "integer"
     },
     "location": {
      "type": "string"
     },
     "grid_name": {
      "type": "string"
     },
     "community_name": {
      "type": "string"
     },
     "items": {
      "type": "string"
     },
     "reason": {
      "type": "string",
      "enum": [
       "quarantine",
       "vulnerable"
      ]
     },
     "status": {
      "type": "string",
      "enum": [
       "open",
       "assigned",
       "delivered",
       "cancelled"
      ]
     },
     "volunteer_id": {
      "type": "integer"
     },
     "volunteer_name": {
      "type": "string"
     },
     "requested_by": {
      "type": "string"
     },
     "requested_at": {
      "type": "string",
      "format": "date-time"
     },
     "assigned_at": {
      "type": "string",
      "format": "date-time"
     },
     "delivered_at": {
      "type": "string",
      "format": "date-time"
     },
     "note": {
      "type": "string"
     }
    }
   },
   "SupplyInput": {
    "type": "object",
    "required": [
     "items",
     "reason"
    ],
    "properties": {
     "household_id": {
      "type": "integer"
     },
     "items": {
      "type": "string"
     },
     "reason": {
      "type": "string"
     }
    }
   }
  }
 }
}
"""#
}
