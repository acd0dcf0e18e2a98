#include "plugin/core/finding.h"
