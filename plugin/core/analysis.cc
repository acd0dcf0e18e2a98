#include "plugin/core/analysis.h"
