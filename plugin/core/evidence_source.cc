#include "plugin/core/evidence_source.h"
