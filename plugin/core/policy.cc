#include "plugin/core/policy.h"
